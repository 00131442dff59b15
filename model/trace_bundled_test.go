package model_test

import (
	"testing"

	"scsim/model"
	"scsim/scenarios"
)

// TestTraceTotalsBundled runs the first replication of every bundled
// scenario with the trace on and checks that the trace tells the run's
// story: the traced run gives the plain run's counters; the records of
// the measurement window add up to the run's counters of demand, units
// shipped at once, backordered, lost, substituted and cancelled, orders
// placed, units ordered and received; and each site-item's levels flow
// from record to record (one record's levels before are the last one's
// after) and end at the run's final levels.
func TestTraceTotalsBundled(t *testing.T) {
	for _, b := range scenarios.Bundled() {
		t.Run(b.Name, func(t *testing.T) {
			sc, net := bundledNet(t, b.Name)
			n := *net
			n.Horizon = min(n.Horizon, 2000)
			if testing.Short() {
				n.Horizon = min(n.Horizon, 300) // the race detector's run: a season of each
			}
			if len(n.SKUs()) > 50 {
				n.Horizon = min(n.Horizon, 30) // a large network: a month is thousands of records
			}
			n.Warmup = min(n.Warmup, n.Horizon/4)
			plan := model.Compile(&n)
			var recs []model.TraceRecord
			res := plan.RunEvents(sc.Seed, 0, func(r model.TraceRecord) bool {
				recs = append(recs, r)
				return true
			})
			plain := plan.Run(sc.Seed, 0)
			if res.Events != plain.Events {
				t.Fatalf("traced run processed %d events, plain %d", res.Events, plain.Events)
			}
			for i := range res.SKUs {
				g, p := res.SKUs[i], plain.SKUs[i]
				if g.DemandUnits != p.DemandUnits || g.OnHandArea != p.OnHandArea || g.BackorderArea != p.BackorderArea || g.HoldingCost != p.HoldingCost || g.OrderingCost != p.OrderingCost {
					t.Fatalf("site-item %d: traced run's counters differ from the plain run's", i)
				}
			}
			refs := n.SKUs()
			drop := make([]bool, len(refs))
			for i, ref := range refs {
				_, drop[i] = n.Sites[ref.Site].Stocks[ref.Stock].Policy.(*model.DropShip)
			}

			var tot struct {
				demand, atOnce, backordered, lost, substituted, cancelled int64
				orders, ordered, received                                 int64
			}
			in := n.Warmup == 0
			last := make([]*model.TraceLevels, len(refs))
			kinds := map[model.TraceKind]int{}
			for i := range recs {
				r := &recs[i]
				kinds[r.Kind]++
				if i > 0 && (r.T < recs[i-1].T || r.Event < recs[i-1].Event) {
					t.Fatalf("record %d out of order: t=%v event %d after t=%v event %d", i, r.T, r.Event, recs[i-1].T, recs[i-1].Event)
				}
				if r.Rule == "" {
					t.Errorf("record %d (%v) has no rule", i, r.Kind)
				}
				if r.SKU >= 0 && !drop[r.SKU] {
					if l := last[r.SKU]; l != nil && *l != r.Before {
						t.Fatalf("record %d at t=%v (%v %s): levels before %+v, but the last record left %+v", i, r.T, r.Kind, r.Where, r.Before, *l)
					}
					last[r.SKU] = &recs[i].After
				}
				if r.Kind == model.TraceWarmup {
					in = true
					continue
				}
				if !in {
					continue
				}
				switch r.Kind {
				case model.TraceDemand:
					tot.demand += r.Qty
					tot.atOnce += r.Shipped
					tot.backordered += r.Backordered
					tot.lost += r.Lost
					tot.substituted += r.Substituted
				case model.TraceDropShip:
					tot.demand += r.Qty
					tot.atOnce += r.Shipped
					tot.ordered += r.Qty
				case model.TraceRequest:
					if r.Stream != "" { // a drop-ship customer's order
						tot.atOnce += r.Shipped
						tot.backordered += r.Backordered
					}
				case model.TraceReview:
					if r.Qty > 0 {
						tot.orders++
						tot.ordered += r.Qty
					}
				case model.TraceReceipt:
					tot.received += r.Qty
				case model.TraceCancel:
					tot.cancelled += r.Qty
				}
			}
			var want struct {
				demand, atOnce, backordered, lost, substituted, cancelled int64
				orders, ordered, received                                 int64
			}
			for _, c := range res.Streams {
				want.demand += c.DemandUnits
				want.atOnce += c.AtOnceUnits
				want.backordered += c.BackorderedUnits
				want.lost += c.LostUnits
				want.substituted += c.SubstitutedUnits
				want.cancelled += c.CancelledUnits
			}
			for i, c := range res.SKUs {
				want.orders += c.OrdersPlaced
				want.ordered += c.UnitsOrdered
				if !drop[i] {
					want.received += c.ReceivedUnits
				}
				if l := last[i]; l != nil && !drop[i] && (l.OnHand != c.OnHandEnd || l.Backorders != c.BackordersEnd || l.OnOrder != c.OnOrderEnd) {
					t.Errorf("%s: the last record leaves %+v, the run ends with on hand %d, backorders %d, on order %d",
						refs[i].Name, *l, c.OnHandEnd, c.BackordersEnd, c.OnOrderEnd)
				}
			}
			if tot != want {
				t.Errorf("trace totals %+v, run's counters %+v", tot, want)
			}
			t.Logf("%d records %v; totals %+v", len(recs), kinds, tot)
		})
	}
}
