package output

import (
	"io"
	"sync"
	"testing"

	"scsim/model"
	"scsim/scenarios"
	"scsim/stats"
)

// pb2Summary is the summary of one replication of the bundled rq-network
// (PB2, 5,100 site-items) over a shortened horizon: the size of PB2's
// output in a fraction of its run time.
var pb2Summary = sync.OnceValues(func() (*stats.Summary, error) {
	sc, err := scenarios.Open("rq-network")
	if err != nil {
		return nil, err
	}
	net, err := sc.Build()
	if err != nil {
		return nil, err
	}
	net.Horizon, net.Warmup = 60, 10
	return stats.Summarize(net, sc.Seed, []*model.Result{model.Run(net, sc.Seed, 0)}), nil
})

func benchPB2(b *testing.B, write func(io.Writer, *stats.Summary, Meta) error) {
	s, err := pb2Summary()
	if err != nil {
		b.Fatal(err)
	}
	m := Meta{Version: "bench", Source: "bundled", Fingerprint: "f"}
	b.ReportAllocs()
	for b.Loop() {
		if err := write(io.Discard, s, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPB2WriteJSON, BenchmarkPB2WriteCSV and BenchmarkPB2WriteTable
// time the writers on PB2's summary (5,100 site-items).
func BenchmarkPB2WriteJSON(b *testing.B)  { benchPB2(b, WriteJSON) }
func BenchmarkPB2WriteCSV(b *testing.B)   { benchPB2(b, WriteCSV) }
func BenchmarkPB2WriteTable(b *testing.B) { benchPB2(b, WriteTable) }

// BenchmarkPB2Summarize times stats.Summarize of one replication of PB2
// (over the shortened horizon of pb2Summary).
func BenchmarkPB2Summarize(b *testing.B) {
	sc, err := scenarios.Open("rq-network")
	if err != nil {
		b.Fatal(err)
	}
	net, err := sc.Build()
	if err != nil {
		b.Fatal(err)
	}
	net.Horizon, net.Warmup = 60, 10
	res := []*model.Result{model.Run(net, sc.Seed, 0)}
	b.ReportAllocs()
	for b.Loop() {
		stats.Summarize(net, sc.Seed, res)
	}
}
