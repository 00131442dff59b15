package model

import (
	"fmt"
	"math"
	"reflect"
	"sync"
)

// Counters are the raw tallies of one site-item (or of a total) over the
// measurement window [warm-up, horizon] of one replication. Every metric is
// derived from them by [Counters.Metrics]; totals are plain sums.
//
// Units are whole units of stock; areas are unit-days; money is in the
// scenario's currency.
//
// The fields every event touches come first, so that a site-item's hot
// state spans as few cache lines as possible.
type Counters struct {
	// Time integrals of the levels (unit-days), and days with stock on hand.
	OnHandArea, OnOrderArea, BackorderArea float64
	InStockDays                            float64

	DemandUnits, DemandOrders int64
	// Filled at once from stock: units, and orders filled completely.
	AtOnceUnits, AtOnceOrders int64

	Days float64 // length of the measurement window
	// SKUDays is Days for one site-item and the sum over site-items for a
	// total, so that time shares of a total are averages over site-items.
	SKUDays float64
	// Backordered: units, and orders with at least one unit backordered.
	BackorderedUnits, BackorderedOrders int64
	// FromBackorderUnits were filled later from the backorder queue.
	FromBackorderUnits int64
	// Lost: units, orders with at least one unit lost, and their price.
	LostUnits, LostOrders int64
	LostValue             float64

	// Customer behaviour (see [Customers]): backordered units and orders
	// cancelled by impatient customers, and their cost; units customers
	// took as a substitute for this item (booked here, shipped from the
	// substitute) and units this item shipped as another's substitute;
	// orders that left at the wait they were quoted (their units are
	// lost).
	CancelledUnits, CancelledOrders      int64
	CancelCost                           float64
	SubstitutedUnits, SubstituteOutUnits int64
	BalkedOrders                         int64
	// Promises: customer orders of quoting streams; those on time in full
	// (filled at once, or completed by the date promised); backordered
	// orders completed with a promise, and those completed by it.
	QuotedOrders, OTIFOrders     int64
	PromisedOrders, PromisesKept int64
	// Revenue is the price of the units shipped to customers, recognised
	// when they ship (a substitute at its discounted price).
	Revenue float64
	// Customer orders still waiting at the end of the window: how many,
	// the sum and the largest of their ages in days, and the price of the
	// units owed to them (revenue not yet recognised).
	AgedOrders     int64
	AgeSum, AgeMax float64
	BacklogValue   float64

	// Levels at the start and end of the window, for conservation checks.
	BackordersStart, BackordersEnd int64
	OnHandStart, OnHandEnd         int64
	OnOrderStart, OnOrderEnd       int64
	ReceivedUnits                  int64

	OrdersPlaced, UnitsOrdered int64
	// Replenishment cycles (receipt to receipt) ended in the window, and
	// those during which some demand was not filled at once.
	Cycles, StockoutCycles int64

	// Waits of backordered customer orders filled in the window (days):
	// their distribution in bounded memory, and their exact sum and
	// largest.
	Waits   WaitHist
	WaitSum float64
	WaitMax float64

	// Costs over the window. TransportCost is the cost of the lane into
	// the site-item (per unit and per shipment).
	HoldingCost, OrderingCost, BackorderCost, LostSaleCost, TransportCost float64
	// SupplierHoldingCost is the holding cost of stock the supplier owns
	// at the site (VMI on consignment); it is not the site's cost.
	SupplierHoldingCost float64

	// Daily holds the day-by-day statistics of demand received and orders
	// placed. [Counters.Add] leaves it alone: the variance of a sum is not
	// the sum of variances, so aggregates set it from their own buckets.
	Daily DailyStats

	// Disruptions counts the outage episodes of suppliers and lanes the
	// site-item depends on (it orders from them, directly or through
	// upstream sites) whose recovery watch ended in the window; outages
	// that overlap form one episode. RecoverySum adds their times to
	// recover, in days: from the episode's end to the end of the last
	// whole day, among the days from its start to the end of its
	// look-ahead ([Disruption.RecoveryWindow] after its end, cut short by
	// the next episode or the horizon), on which the site-item had demand
	// and a fill rate below its fill rate from time 0 to the episode's
	// start; 0 if there is none. DisruptedDays is the time in the window
	// during which some such outage was under way.
	Disruptions   int64
	RecoverySum   float64
	DisruptedDays float64
	// BackupUnits are the units ordered from the backup source.
	BackupUnits int64
	// Expedited counts the expedited shipments into the site-item;
	// ExpediteCost is their extra cost, also part of TransportCost.
	Expedited    int64
	ExpediteCost float64
}

// DailyStats accumulates, over whole days, the units of demand received and
// of replenishment orders placed each day, for their variances.
type DailyStats struct {
	Days                   int64
	DemandSum, DemandSumSq float64
	OrderSum, OrderSumSq   float64
}

func (d *DailyStats) add(demand, orders int64) {
	d.Days++
	x, y := float64(demand), float64(orders)
	d.DemandSum += x
	d.DemandSumSq += x * x
	d.OrderSum += y
	d.OrderSumSq += y * y
}

// Bullwhip returns the variance of daily orders placed divided by the
// variance of daily demand received (sample variances over the same days),
// or NaN with fewer than two days or no demand variance.
func (d *DailyStats) Bullwhip() float64 {
	if d.Days < 2 {
		return math.NaN()
	}
	n := float64(d.Days)
	vd := (d.DemandSumSq - d.DemandSum*d.DemandSum/n) / (n - 1)
	vo := (d.OrderSumSq - d.OrderSum*d.OrderSum/n) / (n - 1)
	if !(vd > 0) {
		return math.NaN()
	}
	return max(vo, 0) / vd
}

// Add accumulates o into c; Days is kept from o if c has none. The
// histograms of waits add, so the percentile of a total covers all its
// parts. c never shares memory with o afterwards.
func (c *Counters) Add(o *Counters) {
	c.AddTallies(o)
	c.Waits.Add(&o.Waits)
}

// AddTallies accumulates o into c as [Counters.Add] does, but for the
// individual waits: for a sum whose waits come from elsewhere (see
// stats.CustomerCounters), or are not needed.
func (c *Counters) AddTallies(o *Counters) {
	if c.Days == 0 {
		c.Days = o.Days
	}
	c.SKUDays += o.SKUDays
	c.DemandUnits += o.DemandUnits
	c.DemandOrders += o.DemandOrders
	c.AtOnceUnits += o.AtOnceUnits
	c.AtOnceOrders += o.AtOnceOrders
	c.BackorderedUnits += o.BackorderedUnits
	c.BackorderedOrders += o.BackorderedOrders
	c.FromBackorderUnits += o.FromBackorderUnits
	c.LostUnits += o.LostUnits
	c.LostOrders += o.LostOrders
	c.LostValue += o.LostValue
	c.BackordersStart += o.BackordersStart
	c.BackordersEnd += o.BackordersEnd
	c.OnHandStart += o.OnHandStart
	c.OnHandEnd += o.OnHandEnd
	c.OnOrderStart += o.OnOrderStart
	c.OnOrderEnd += o.OnOrderEnd
	c.ReceivedUnits += o.ReceivedUnits
	c.OnHandArea += o.OnHandArea
	c.OnOrderArea += o.OnOrderArea
	c.BackorderArea += o.BackorderArea
	c.InStockDays += o.InStockDays
	c.OrdersPlaced += o.OrdersPlaced
	c.UnitsOrdered += o.UnitsOrdered
	c.Cycles += o.Cycles
	c.StockoutCycles += o.StockoutCycles
	c.WaitSum += o.WaitSum
	c.WaitMax = max(c.WaitMax, o.WaitMax)
	c.HoldingCost += o.HoldingCost
	c.OrderingCost += o.OrderingCost
	c.BackorderCost += o.BackorderCost
	c.LostSaleCost += o.LostSaleCost
	c.TransportCost += o.TransportCost
	c.SupplierHoldingCost += o.SupplierHoldingCost
	c.CancelledUnits += o.CancelledUnits
	c.CancelledOrders += o.CancelledOrders
	c.CancelCost += o.CancelCost
	c.SubstitutedUnits += o.SubstitutedUnits
	c.SubstituteOutUnits += o.SubstituteOutUnits
	c.BalkedOrders += o.BalkedOrders
	c.QuotedOrders += o.QuotedOrders
	c.OTIFOrders += o.OTIFOrders
	c.PromisedOrders += o.PromisedOrders
	c.PromisesKept += o.PromisesKept
	c.Revenue += o.Revenue
	c.AgedOrders += o.AgedOrders
	c.AgeSum += o.AgeSum
	c.AgeMax = max(c.AgeMax, o.AgeMax)
	c.BacklogValue += o.BacklogValue
	c.Disruptions += o.Disruptions
	c.RecoverySum += o.RecoverySum
	c.DisruptedDays += o.DisruptedDays
	c.BackupUnits += o.BackupUnits
	c.Expedited += o.Expedited
	c.ExpediteCost += o.ExpediteCost
}

// ShippedUnits returns the units shipped from this site-item's stock in
// the window: to its own customers and downstream sites, and as another
// item's substitute.
func (c *Counters) ShippedUnits() int64 {
	return c.AtOnceUnits + c.FromBackorderUnits + c.SubstituteOutUnits
}

// DemandBalance returns demand + backorders at the start − (filled at once
// + filled from backorder + backorders at the end + lost + cancelled +
// taken as a substitute): zero when every unit demanded is accounted for.
func (c *Counters) DemandBalance() int64 {
	return c.DemandUnits + c.BackordersStart - (c.AtOnceUnits + c.FromBackorderUnits + c.BackordersEnd + c.LostUnits + c.CancelledUnits + c.SubstitutedUnits)
}

// StockBalance returns received − shipped − (on-hand at the end − on-hand at
// the start): zero when every unit received is shipped or still on hand.
func (c *Counters) StockBalance() int64 {
	return c.ReceivedUnits - c.ShippedUnits() - (c.OnHandEnd - c.OnHandStart)
}

// OrderBalance returns ordered − received − (on-order at the end − on-order
// at the start): zero when every unit ordered is received or in transit.
func (c *Counters) OrderBalance() int64 {
	return c.UnitsOrdered - c.ReceivedUnits - (c.OnOrderEnd - c.OnOrderStart)
}

// MaxCount is the largest count of units (or orders) a run reports: 2^53,
// the largest integer up to which every int64 converts to float64 exactly.
// Scenario validation keeps expected demand far below it; a replication
// whose counters go beyond it anyway (heavy-tailed random sizes) reports
// an [OverflowError] rather than numbers that may have wrapped.
const MaxCount = 1 << 53

// OverflowError reports a replication whose counters went beyond what a
// run can count exactly: a count of units beyond [MaxCount] (which would
// otherwise wrap around), or an amount of money or a time integral that
// is not finite.
type OverflowError struct {
	Replication int
	Where       string // the site-item "site/item", or "site/item/stream"
	Field       string // the counter, as named in [Counters]
	Value       float64
}

func (e *OverflowError) Error() string {
	return fmt.Sprintf("replication %d: %s: %s reached %.6g, beyond the %.6g (2^53) units a run counts exactly; lower the demand, the order sizes or the horizon (see Limits in docs/scenario-format.md)", e.Replication, e.Where, e.Field, e.Value, float64(MaxCount))
}

// counterFields lists the int64 and float64 fields of Counters, by index,
// for [Counters.overflow].
var counterFields = sync.OnceValues(func() (ints, floats []int) {
	t := reflect.TypeFor[Counters]()
	for i := range t.NumField() {
		switch t.Field(i).Type.Kind() {
		case reflect.Int64:
			ints = append(ints, i)
		case reflect.Float64:
			floats = append(floats, i)
		}
	}
	return ints, floats
})

// overflow returns the first counter of c beyond [MaxCount] in absolute
// value, or not finite, and its value; "" if there is none. It is
// O(number of fields), for the end of a replication, not per event.
func (c *Counters) overflow() (string, float64) {
	ints, floats := counterFields()
	v := reflect.ValueOf(c).Elem()
	for _, i := range ints {
		if x := v.Field(i).Int(); x > MaxCount || x < -MaxCount {
			return v.Type().Field(i).Name, float64(x)
		}
	}
	for _, i := range floats {
		if x := v.Field(i).Float(); math.IsInf(x, 0) || math.IsNaN(x) {
			return v.Type().Field(i).Name, x
		}
	}
	return "", 0
}
