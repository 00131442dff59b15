package main

import (
	"fmt"
	"math"
	"scsim/stats"

	"scsim/model"
	"scsim/output"
)

// maxChainPlots is the most runs whose serial chain is plotted over time.
const maxChainPlots = 6

// chainPlots draws, when the network is a serial chain (see
// [output.SerialChain]), the bullwhip ratio by stage and run, the order
// variance of every stage relative to the customers' demand, and each
// run's orders and net inventory by stage over time in replication 0.
// jobs, results and sums are in the same order, the base first.
func chainPlots(jobs []job, results [][]*model.Result, sums []*stats.Summary) []namedPlot {
	chain := output.SerialChain(sums[0])
	if chain == nil {
		return nil
	}
	stages := make([]string, len(chain))
	for e, sku := range chain {
		stages[e] = fmt.Sprintf("%d %s", e+1, output.StageName(sums[0], sku))
	}
	runs := make([]string, len(jobs))
	local, amp := make([][]float64, len(jobs)), make([][]float64, len(jobs))
	for j, jb := range jobs {
		runs[j] = jb.name
		local[j] = make([]float64, len(chain))
		for e := range chain {
			local[j][e] = math.NaN()
			if e < len(sums[j].Echelons) {
				local[j][e] = sums[j].Echelons[e].Metrics[model.MBullwhip].Mean
			}
		}
		amp[j] = output.Amplification(results[j])
	}
	out := []namedPlot{
		{"bullwhip", output.NamedPlot{
			Title:   "Bullwhip ratio by stage",
			Caption: model.Metrics[model.MBullwhip].Doc + " Per stage of the serial chain and run, mean over replications; the dashed line at 1 is no amplification.",
			P:       output.StageBars("Bullwhip ratio by stage: variance of orders placed ÷ of orders received", "ratio", stages, runs, local),
		}},
		{"amplification", output.NamedPlot{
			Title:   "Order variance relative to the customers' demand",
			Caption: fmt.Sprintf("Variance of the units each stage orders per %[1]s ÷ variance of the customers' demand per %[1]s at stage 1, mean over replications: how much the chain amplifies the customers' demand up to that stage.", output.TimeUnit(timeUnit(jobs[0].sc))),
			P:       output.StageBars("Order variance ÷ customer demand variance, by stage", "ratio", stages, runs, amp),
		}},
	}
	for j, jb := range jobs[:min(len(jobs), maxChainPlots)] {
		st := make([]output.ChainStage, len(chain))
		period := 1.0
		for e, sku := range chain {
			_, tr := model.RunTraced(jb.net, jb.sc.Seed, 0, sku)
			st[e] = output.ChainStage{Name: output.StageName(sums[j], sku), Trace: tr}
			if e == 0 {
				ref := jb.net.SKUs()[sku]
				if rp := jb.net.Sites[ref.Site].Stocks[ref.Stock].Policy.ReviewPeriod(); rp > 0 {
					period = rp
				}
			}
		}
		from := jb.net.Warmup
		to := min(jb.net.Horizon, from+max(36, min(156, jb.net.Horizon-from)))
		tu := timeUnit(jb.sc)
		out = append(out, namedPlot{fmt.Sprintf("chain-%d-%s", j, fileSafe(jb.name)), output.NamedPlot{
			Title:   "Orders and net inventory by stage (" + jb.name + ")",
			Caption: fmt.Sprintf("Every stage of the serial chain in replication 0 (%s), %s %g to %g: net inventory (on hand − backorders, solid) and the units ordered each review period of %s (dashed).", jb.name, output.TimeUnits(tu), from, to, output.Duration(period, tu)),
			P:       output.ChainOverTime(st, period, from, to, output.ChainTitle(jb.name, from, to, tu), tu),
		}})
	}
	return out
}
