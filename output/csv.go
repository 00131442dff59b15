package output

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"scsim/model"
)

// TotalSite is the site name of the rows that cover the whole network in
// [WriteCSV] and [WriteReplicationsCSV]; their item is empty.
const TotalSite = "total"

// EchelonSite returns the site name of the rows that cover echelon level
// in [WriteCSV] and [WriteReplicationsCSV], "echelon-1" for echelon 1;
// their item is empty.
func EchelonSite(level int) string { return "echelon-" + strconv.Itoa(level) }

// csvFloat formats v for CSV: the shortest decimal that reads back as v,
// and an empty field for NaN, which pandas, R and Excel read as missing.
func csvFloat(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// WriteCSV writes s as tidy CSV, one row per site-item per metric, then
// one per metric for the whole network (site [TotalSite], empty item), then
// one per metric for each echelon in order (site [EchelonSite], empty
// item), with the header
//
//	site,item,metric,unit,mean,half_width,n
//
// Metrics are keyed and ordered as in [model.Metrics]. Numbers are the
// shortest decimal that reads back exactly; an undefined mean or
// half-width (NaN) is an empty field.
func WriteCSV(w io.Writer, s *model.Summary) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"site", "item", "metric", "unit", "mean", "half_width", "n"})
	shown := s.Shown()
	rows := func(site, item string, es *[model.NumMetrics]model.Estimate) {
		for _, i := range shown {
			e := es[i]
			mt := &model.Metrics[i]
			cw.Write([]string{site, item, mt.Key, mt.Unit, csvFloat(e.Mean), csvFloat(e.HalfWidth), strconv.Itoa(e.N)})
		}
	}
	for i := range s.SKUs {
		k := &s.SKUs[i]
		rows(k.Site, k.Item, &k.Metrics)
	}
	rows(TotalSite, "", &s.Total)
	for i := range s.Echelons {
		e := &s.Echelons[i]
		rows(EchelonSite(e.Level), "", &e.Metrics)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// WriteReplicationsCSV writes the value of every metric in every
// replication: one row per replication per site-item, then a [TotalSite]
// row for the whole network and an [EchelonSite] row per echelon, with the
// header
//
//	replication,site,item,<every key of model.Metrics>
//
// Replications are numbered from 0 as in [model.Result]. The total row is
// derived from the site-items' counters summed with [model.Counters.Add],
// and the echelon rows from [model.Result.Echelons], as [model.Summarize]
// does, so the means of these rows are the means of the Summary. results
// must come from runs of net; they are not changed.
func WriteReplicationsCSV(w io.Writer, net *model.Network, results []*model.Result) error {
	refs := net.SKUs()
	levels, err := net.Echelons()
	if err != nil {
		return fmt.Errorf("write replications csv: %w", err)
	}
	echelons := 0
	if len(levels) > 0 {
		echelons = slices.Max(levels)
	}
	for _, res := range results {
		if len(res.SKUs) != len(refs) {
			return fmt.Errorf("write replications csv: replication %d has %d site-items, network %s has %d",
				res.Replication, len(res.SKUs), net.Name, len(refs))
		}
		if len(res.Echelons) != echelons {
			return fmt.Errorf("write replications csv: replication %d has %d echelons, network %s has %d",
				res.Replication, len(res.Echelons), net.Name, echelons)
		}
	}
	cw := csv.NewWriter(w)
	header := []string{"replication", "site", "item"}
	shown := model.ShownMetrics(net.Features())
	for _, i := range shown {
		header = append(header, model.Metrics[i].Key)
	}
	cw.Write(header)
	var vals [model.NumMetrics]float64
	row := make([]string, 0, len(header))
	write := func(rep, site, item string, c *model.Counters) {
		c.Metrics(vals[:])
		row = append(row[:0], rep, site, item)
		for _, i := range shown {
			row = append(row, csvFloat(vals[i]))
		}
		cw.Write(row)
	}
	for _, res := range results {
		rep := strconv.Itoa(res.Replication)
		var tot model.Counters
		for i, ref := range refs {
			site := &net.Sites[ref.Site]
			write(rep, site.Name, net.Items[site.Stocks[ref.Stock].Item].Name, &res.SKUs[i])
			tot.Add(&res.SKUs[i])
		}
		write(rep, TotalSite, "", &tot)
		for e := range res.Echelons {
			write(rep, EchelonSite(e+1), "", &res.Echelons[e])
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write replications csv: %w", err)
	}
	return nil
}
