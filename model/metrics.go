package model

import (
	"math"
)

// Metric defines one reported figure. Key is the stable name used in JSON
// and CSV; the order of [Metrics] is the order of every output.
type Metric struct {
	Key  string // snake_case, stable: CI users parse it
	Name string // short human name for tables
	Unit string // "units", "share", "days", "money/day", ...
	Doc  string // precise definition
}

// Metric indices into [Metrics] and into every values slice.
const (
	MDemandUnits = iota
	MDemandOrders
	MFillRate
	MOrderFillRate
	MBackorderRate
	MBackorderedUnits
	MBackorderedOrders
	MLostUnits
	MLostRate
	MLostValue
	MAvgOnHand
	MAvgOnOrder
	MAvgBackorders
	MWaitMean
	MWaitP95
	MWaitMax
	MCycleServiceLevel
	MReadyRate
	MHoldingCost
	MOrderingCost
	MBackorderCost
	MLostSaleCost
	MTransportCost
	MTotalCost
	MTurns
	MOrdersPlaced
	MBullwhip
	MSupplierHoldingCost
	MRevenue
	MBacklogValue
	MBackorderAgeEnd
	MBackorderAgeEndMax
	// the metrics of optional features (see [MetricFeature]) come last
	MCancelledUnits
	MCancelledOrders
	MCancelRate
	MCancelCost
	MBalkedOrders
	MSubstitutedUnits
	MSubstitutionRate
	MPromiseAccuracy
	MOTIF
	MDisruptions
	MRecoveryTime
	MDisruptedShare
	MBackupShare
	MExpedited
	MExpediteCost
	numMetrics
)

// Metrics lists every metric in output order. The metrics of optional
// features (see [MetricFeature]) are output only for networks that use
// them. Counts are totals over the
// measurement window (from the warm-up to the horizon); costs are per day of
// that window.
var Metrics = [numMetrics]Metric{
	MDemandUnits:         {"demand_units", "demand", "units", "Units ordered by customers (at an upstream site: by the sites it supplies) in the window."},
	MDemandOrders:        {"demand_orders", "orders", "orders", "Customer orders (at an upstream site: replenishment orders received) in the window; draws of zero units are not orders."},
	MFillRate:            {"fill_rate", "fill rate", "share", "Unit fill rate: units shipped at once from stock ÷ units demanded."},
	MOrderFillRate:       {"order_fill_rate", "order fill", "share", "Customer orders filled completely at once from stock ÷ customer orders."},
	MBackorderRate:       {"backorder_rate", "BO rate", "share", "Units backordered ÷ units demanded."},
	MBackorderedUnits:    {"backordered_units", "BO units", "units", "Units accepted as backorders in the window."},
	MBackorderedOrders:   {"backordered_orders", "BO orders", "orders", "Customer orders with at least one unit backordered."},
	MLostUnits:           {"lost_units", "lost", "units", "Units of demand lost (lost-sale streams short of stock)."},
	MLostRate:            {"lost_rate", "lost share", "share", "Lost units ÷ units demanded."},
	MLostValue:           {"lost_value", "lost value", "money", "Lost units × the item's price."},
	MAvgOnHand:           {"avg_on_hand", "on-hand", "units", "Time-average units on hand."},
	MAvgOnOrder:          {"avg_on_order", "on-order", "units", "Time-average units ordered and not yet received (pipeline)."},
	MAvgBackorders:       {"avg_backorders", "backorders", "units", "Time-average units backordered (owed to waiting customers)."},
	MWaitMean:            {"wait_mean", "wait mean", "days", "Mean wait of backordered customer orders filled in the window, from arrival to the last unit shipped; at an upstream site-item, of the backordered orders of the sites it supplies, to their last unit's dispatch; at a drop-ship site-item, of every customer order, from arrival to delivery."},
	MWaitP95:             {"wait_p95", "wait p95", "days", "95th percentile of the same waits (nearest rank), within 1% (read from a histogram of buckets 2% wide; waits under 1e-6 days within 1e-6 days)."},
	MWaitMax:             {"wait_max", "wait max", "days", "Longest of the same waits."},
	MCycleServiceLevel:   {"cycle_service_level", "CSL", "share", "Replenishment cycles (receipt to next receipt) with no demand short of stock ÷ cycles ended in the window."},
	MReadyRate:           {"ready_rate", "ready rate", "share", "Share of time with stock on hand (on-hand > 0); for a total, the average over site-items."},
	MHoldingCost:         {"holding_cost", "holding", "money/day", "Holding cost per unit-day × average on-hand."},
	MOrderingCost:        {"ordering_cost", "ordering", "money/day", "Fixed order cost × replenishment orders ÷ days."},
	MBackorderCost:       {"backorder_cost", "backorder", "money/day", "Backorder cost per unit-day × average backorders."},
	MLostSaleCost:        {"lost_sale_cost", "lost sales", "money/day", "Lost-sale cost per unit × lost units ÷ days."},
	MTransportCost:       {"transport_cost", "transport", "money/day", "Lane cost per unit shipped and per shipment into the site-item ÷ days."},
	MTotalCost:           {"total_cost", "total cost", "money/day", "Holding + ordering + backorder + lost-sale + transport + cancellation cost per day."},
	MTurns:               {"inventory_turns", "turns", "1/year", "Units shipped per year (365 days) ÷ average on-hand."},
	MOrdersPlaced:        {"orders_placed", "orders placed", "orders", "Replenishment orders placed in the window."},
	MSupplierHoldingCost: {"supplier_holding_cost", "supplier holding", "money/day", "Holding cost of consigned stock, paid by the supplier under VMI on consignment; not part of total_cost."},
	MCancelledUnits:      {"cancelled_units", "cancelled", "units", "Backordered units cancelled by customers whose patience ran out."},
	MCancelledOrders:     {"cancelled_orders", "cancelled orders", "orders", "Customer orders cancelled (in whole or in their unfilled rest) when their patience ran out."},
	MCancelRate:          {"cancel_rate", "cancel share", "share", "Cancelled units ÷ units demanded."},
	MCancelCost:          {"cancel_cost", "cancellation", "money/day", "Cancellation cost per unit × cancelled units ÷ days."},
	MBalkedOrders:        {"balked_orders", "balked", "orders", "Customer orders that left, their short units lost, because the wait they were quoted exceeded their limit."},
	MSubstitutedUnits:    {"substituted_units", "substituted", "units", "Units of demand filled with a substitute item (shipped from the substitute's stock, counted here)."},
	MSubstitutionRate:    {"substitution_rate", "subst. share", "share", "Substituted units ÷ units demanded."},
	MPromiseAccuracy:     {"promise_accuracy", "promises kept", "share", "Backordered customer orders completed by the delivery date promised when they were backordered ÷ such orders completed in the window (quoting streams only)."},
	MOTIF:                {"otif", "OTIF", "share", "On time in full: customer orders filled whole at once, or completed by their promised date, ÷ customer orders (quoting streams only)."},
	MRevenue:             {"revenue", "revenue", "money/day", "Price × units shipped to customers (substitutes at their discounted price) ÷ days, recognised when shipped: backorders delay revenue."},
	MBacklogValue:        {"backlog_value", "backlog value", "money", "Price × units owed to waiting customers at the end: revenue not yet recognised."},
	MBackorderAgeEnd:     {"backorder_age_end", "BO age at end", "days", "Mean age of the customer orders still waiting at the end."},
	MBackorderAgeEndMax:  {"backorder_age_end_max", "BO age at end max", "days", "Age of the oldest customer order still waiting at the end."},
	MBullwhip:            {"bullwhip", "bullwhip", "ratio", "Variance of units ordered per day ÷ variance of units demanded per day (customer demand or downstream orders), over whole days; for an echelon, of the echelon's daily sums."},
	MDisruptions:         {"disruptions", "disruptions", "episodes", "Outage episodes of the suppliers and lanes the site-item depends on (directly or through upstream sites) whose recovery watch ended in the window; overlapping outages are one episode. For a total, the sum over its site-items: one outage felt at six site-items counts six. Only with disruptions."},
	MRecoveryTime:        {"recovery_time", "time to recover", "days", "Mean time to recover over those episodes: from the episode's end to the end of the last whole day, from its start to recovery_window days after its end, on which the site-item's fill rate was below its fill rate from time 0 to the episode's start (0 if none). Only with disruptions."},
	MDisruptedShare:      {"disrupted_share", "disrupted", "share", "Share of time during which an outage the site-item depends on was under way; for a total, the average over site-items. Only with disruptions."},
	MBackupShare:         {"backup_share", "backup share", "share", "Units ordered from the backup source ÷ units ordered. Only with backup sources."},
	MExpedited:           {"expedited_shipments", "expedited", "shipments", "Shipments into the site-item sent by the lane's expedite mode. Only with expediting."},
	MExpediteCost:        {"expedite_cost", "expediting", "money/day", "Extra cost of expedited shipments (per unit and per shipment) ÷ days; part of transport_cost and so of total_cost. Only with expediting."},
}

// NumMetrics is the number of metrics, the length of every values slice.
const NumMetrics = numMetrics

// waitQuantile is the quantile reported as wait_p95.
const waitQuantile = 0.95

// Metrics derives every metric from the counters into dst (length
// [NumMetrics]). A metric with nothing to measure (a fill rate without
// demand, a wait without backorders) is NaN. c is not changed.
func (c *Counters) Metrics(dst []float64) {
	nan := math.NaN()
	div := func(a, b float64) float64 {
		if b == 0 {
			return nan
		}
		return a / b
	}
	d := float64(c.DemandUnits)
	dst[MDemandUnits] = d
	dst[MDemandOrders] = float64(c.DemandOrders)
	dst[MFillRate] = div(float64(c.AtOnceUnits), d)
	dst[MOrderFillRate] = div(float64(c.AtOnceOrders), float64(c.DemandOrders))
	dst[MBackorderRate] = div(float64(c.BackorderedUnits), d)
	dst[MBackorderedUnits] = float64(c.BackorderedUnits)
	dst[MBackorderedOrders] = float64(c.BackorderedOrders)
	dst[MLostUnits] = float64(c.LostUnits)
	dst[MLostRate] = div(float64(c.LostUnits), d)
	dst[MLostValue] = c.LostValue
	dst[MAvgOnHand] = div(c.OnHandArea, c.Days)
	dst[MAvgOnOrder] = div(c.OnOrderArea, c.Days)
	dst[MAvgBackorders] = div(c.BackorderArea, c.Days)
	n := c.Waits.Count()
	dst[MWaitMean] = div(c.WaitSum, float64(n))
	dst[MWaitP95], dst[MWaitMax] = nan, nan
	if n > 0 {
		dst[MWaitP95] = c.Waits.Quantile(waitQuantile)
		dst[MWaitMax] = c.WaitMax
	}
	dst[MCycleServiceLevel] = div(float64(c.Cycles-c.StockoutCycles), float64(c.Cycles))
	dst[MReadyRate] = div(c.InStockDays, c.SKUDays)
	dst[MHoldingCost] = div(c.HoldingCost, c.Days)
	dst[MOrderingCost] = div(c.OrderingCost, c.Days)
	dst[MBackorderCost] = div(c.BackorderCost, c.Days)
	dst[MLostSaleCost] = div(c.LostSaleCost, c.Days)
	dst[MTransportCost] = div(c.TransportCost, c.Days)
	dst[MTotalCost] = div(c.HoldingCost+c.OrderingCost+c.BackorderCost+c.LostSaleCost+c.TransportCost+c.CancelCost, c.Days)
	dst[MTurns] = div(float64(c.ShippedUnits())*365/c.Days, dst[MAvgOnHand])
	dst[MOrdersPlaced] = float64(c.OrdersPlaced)
	dst[MBullwhip] = c.Daily.Bullwhip()
	dst[MSupplierHoldingCost] = div(c.SupplierHoldingCost, c.Days)
	dst[MCancelledUnits] = float64(c.CancelledUnits)
	dst[MCancelledOrders] = float64(c.CancelledOrders)
	dst[MCancelRate] = div(float64(c.CancelledUnits), d)
	dst[MCancelCost] = div(c.CancelCost, c.Days)
	dst[MBalkedOrders] = float64(c.BalkedOrders)
	dst[MSubstitutedUnits] = float64(c.SubstitutedUnits)
	dst[MSubstitutionRate] = div(float64(c.SubstitutedUnits), d)
	dst[MPromiseAccuracy] = div(float64(c.PromisesKept), float64(c.PromisedOrders))
	dst[MOTIF] = div(float64(c.OTIFOrders), float64(c.QuotedOrders))
	dst[MRevenue] = div(c.Revenue, c.Days)
	dst[MBacklogValue] = c.BacklogValue
	dst[MBackorderAgeEnd] = div(c.AgeSum, float64(c.AgedOrders))
	dst[MBackorderAgeEndMax] = nan
	if c.AgedOrders > 0 {
		dst[MBackorderAgeEndMax] = c.AgeMax
	}
	dst[MDisruptions] = float64(c.Disruptions)
	dst[MRecoveryTime] = div(c.RecoverySum, float64(c.Disruptions))
	dst[MDisruptedShare] = div(c.DisruptedDays, c.SKUDays)
	dst[MBackupShare] = div(float64(c.BackupUnits), float64(c.UnitsOrdered))
	dst[MExpedited] = float64(c.Expedited)
	dst[MExpediteCost] = div(c.ExpediteCost, c.Days)
}
