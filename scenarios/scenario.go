package scenarios

import (
	"gopkg.in/yaml.v3"

	"scsim/model"
)

// Scenario is one scenario file: the run settings and the supply chain.
// Field tags give the snake_case names used in YAML. Build one with
// [Parse], [Load] or [Open], or start from [DefaultScenario] in Go.
//
// Callers (the CLI) may change Seed, Replications, Horizon and Warmup after
// parsing; [Scenario.Validate] and [Scenario.Compile] check them again.
type Scenario struct {
	// File is the name used in error positions; it is not part of the YAML.
	File string `yaml:"-"`
	// Source says where [Open] or [Load] read the scenario: "bundled:NAME"
	// or the file's path. It is not part of the YAML.
	Source string `yaml:"-"`
	// Name identifies the scenario in output. Default: the file name
	// without directory and extension.
	Name string `yaml:"name"`
	// Description says, for people, what the scenario models and what to
	// look at. Its first line is the summary shown by `scsim list`.
	Description string `yaml:"description"`
	// Seed is the master random seed; every random stream derives from it.
	// Default 1.
	Seed uint64 `yaml:"seed"`
	// Replications is the number of independent runs. Default 10, >= 1.
	Replications int `yaml:"replications"`
	// Horizon is the simulated length of one replication in days. Required,
	// > 0.
	Horizon float64 `yaml:"horizon"`
	// Warmup is the time in days at which statistics are reset (state is
	// kept). Default 0, must be < Horizon.
	Warmup float64 `yaml:"warmup"`
	// TimeUnit is what one unit of the scenario's time is: "day" (the
	// default), or "minute", "hour", "week" or "month" for a scenario
	// whose numbers count those (the Beer Game's weeks). It is a label
	// only: outputs print it where they would print days ("horizon 36
	// weeks", "money/week"); no number changes, and the fingerprint leaves
	// it out.
	TimeUnit string `yaml:"time_unit"`
	// Items are the products. At least one.
	Items []Item `yaml:"items"`
	// Suppliers are the outside sources of stock. At least one.
	Suppliers []Supplier `yaml:"suppliers"`
	// Sites are the stocking locations. At least one.
	Sites []Site `yaml:"sites"`
	// Variants are named what-if changes of this scenario, each a list of
	// overrides by field path; [Scenario.Variant] applies one. Optional.
	Variants []Variant `yaml:"variants"`

	// VariantName is the name of the variant this scenario is, as made by
	// [Scenario.Variant]; "" for the base. It is not part of the YAML.
	VariantName string `yaml:"-"`

	// root is the YAML mapping the scenario was decoded from, kept so that
	// [Scenario.With] can apply overrides to it; nil for a Scenario built
	// in Go. It is never modified: overrides copy the nodes they change.
	root *yaml.Node
	// files reads the files the scenario refers to (demand histories),
	// relative to File; nil until needed for a Scenario built in Go.
	files *files

	// overrides are the overrides applied to the file's YAML to make this
	// scenario, so that errors name the override that caused them.
	overrides attribution

	// checked is the network the checks of the parse built, for
	// [Scenario.CompileUnchanged]; nil if none.
	checked *checkedNet

	// fingerprint, set by [Scenario.Compact], is the fingerprint of the
	// scenario compacted; "" to compute it from the fields.
	fingerprint string

	// pos maps a field path ("" for the document) to the position of its
	// value in File; nil for a Scenario built in Go.
	pos *posTree
	// bad holds the paths whose values could not be decoded, so that
	// validation does not report them a second time.
	bad map[string]bool
}

// pos is a 1-based line and column in a file.
type pos struct{ line, col int }

// Item is a product and its costs. Money is in the scenario's currency, any
// one will do as long as it is used throughout.
type Item struct {
	// Name identifies the item; unique among items. Required.
	Name string `yaml:"name"`
	// UnitCost is the purchase cost of one unit (money per unit). Default 0.
	UnitCost float64 `yaml:"unit_cost"`
	// Price is the selling price of one unit (money per unit). Default 0.
	Price float64 `yaml:"price"`
	// HoldingCost is charged per unit on hand per day (money per unit per
	// day). Give HoldingCost or HoldingRate, not both. Default 0.
	HoldingCost float64 `yaml:"holding_cost"`
	// HoldingRate is the yearly holding cost as a fraction of UnitCost (per
	// year); the daily holding cost is HoldingRate × UnitCost / 365.
	HoldingRate float64 `yaml:"holding_rate"`
	// BackorderCost is charged per backordered unit per day (money per unit
	// per day). Default 0.
	BackorderCost float64 `yaml:"backorder_cost"`
	// LostSaleCost is charged per unit of demand lost (money per unit).
	// Default 0.
	LostSaleCost float64 `yaml:"lost_sale_cost"`
	// OrderCost is the fixed cost of one replenishment order (money per
	// order). Default 0.
	OrderCost float64 `yaml:"order_cost"`
	// CancelCost is charged per backordered unit a customer cancels when
	// their patience runs out (money per unit). Default 0.
	CancelCost float64 `yaml:"cancel_cost"`
}

// Supplier is an outside source of stock. It has unlimited stock; its
// capacity may limit how fast it prepares orders.
type Supplier struct {
	// Name identifies the supplier; unique among suppliers and sites.
	// Required.
	Name string `yaml:"name"`
	// LeadTime is the time in days from placing an order to its receipt: a
	// number (constant) or a distribution. It is the default transit of
	// every lane from this supplier. Required.
	LeadTime Dist `yaml:"lead_time"`
	// Capacity is how many units a day the supplier can prepare (units per
	// day); 0 means unlimited. Orders are prepared one after another, first
	// come first served, each taking quantity / Capacity days before its
	// transit starts. Default 0; otherwise >= 1e-6.
	Capacity float64 `yaml:"capacity"`
	// Disruption, if given, makes the supplier fail: during an outage it
	// prepares nothing, or works at a reduced capacity. Optional.
	Disruption *Disruption `yaml:"disruption"`
}

// Disruption describes the outages of a supplier or a lane: scheduled
// (Outages) or random (Uptime and Downtime), not both.
type Disruption struct {
	// Outages are scheduled outages, in order of start, not overlapping.
	Outages []Outage `yaml:"outages"`
	// Uptime is the time between failures in days (from the end of one
	// outage to the start of the next; the first starts that long after
	// time 0) and Downtime the time to repair in days: numbers or
	// distributions, each with a mean > 0. Give both for random outages.
	Uptime   Dist `yaml:"uptime"`
	Downtime Dist `yaml:"downtime"`
	// Capacity is the share of a supplier's capacity left during an
	// outage, in [0, 1): 0 (the default) stops it. Only for a supplier
	// with a capacity; a lane always stops.
	Capacity float64 `yaml:"capacity"`
	// RecoveryWindow is how many days after an outage's end the site-items
	// that depend on it are watched for the time to recover, > 0.
	// Default 30.
	RecoveryWindow float64 `yaml:"recovery_window"`
}

// Outage is one scheduled outage.
type Outage struct {
	// Start is the day the outage starts, >= 0. Required.
	Start float64 `yaml:"start"`
	// Duration is its length in days, > 0. Required.
	Duration float64 `yaml:"duration"`
}

// Site is a stocking location: a store or a warehouse.
type Site struct {
	// Name identifies the site; unique among suppliers and sites. Required.
	Name string `yaml:"name"`
	// Type is "store" or "warehouse"; a label for output. Default "store".
	Type string `yaml:"type"`
	// Stock lists the items the site holds. At least one.
	Stock []Stock `yaml:"stock"`
}

// Stock is one item held at one site (a site-item): where it comes from,
// the policy that replenishes it, and the customer demand it serves.
type Stock struct {
	// Item is the name of an item. Required; each item at most once per
	// site.
	Item string `yaml:"item"`
	// Source is the name of the supplier or site that replenishes it.
	// A site source must stock the same item, and sources must not form a
	// cycle. Required.
	Source string `yaml:"source"`
	// Lane is the route from the source to this site: transit time,
	// transport costs and shipping rules. Optional for a supplier source;
	// a site source needs at least its transit.
	Lane Lane `yaml:"lane"`
	// Initial is the on-hand stock at time 0 in units, >= 0. Default (nil):
	// the policy's natural start: r+Q for rq, eoq and continuous-review
	// safety_stock; S for sS, base_stock and periodic safety_stock; the
	// buffer for jit; max for vmi; 0 for dropship, which allows only 0;
	// and 0 where r+Q or S is negative.
	Initial *int64 `yaml:"initial"`
	// Policy is the replenishment policy. Required.
	Policy Policy `yaml:"policy"`
	// Demand lists the customer demand streams. It may be empty only if
	// another site-item has this site as its source.
	Demand []Demand `yaml:"demand"`
	// Backup is a second source with its own lane, and the rule that
	// divides orders between the two. Optional.
	Backup *Backup `yaml:"backup"`
	// Pipeline fills the lane at time 0 with this many units per review
	// period, as if the site-item had been ordering it at every review
	// (see [model.Stock.Pipeline]); 0 to 1e9, default 0. Needs a policy
	// that reviews periodically; not with a backup source.
	Pipeline int64 `yaml:"pipeline"`
}

// Backup is the second source of a site-item.
type Backup struct {
	// Source is the name of a supplier or a site stocking the item, other
	// than the primary source. Required.
	Source string `yaml:"source"`
	// Lane is the route from the backup source, as [Stock.Lane].
	Lane Lane `yaml:"lane"`
	// Rule is "switch" (order from the backup while the primary is down,
	// or while its quoted lead time exceeds MaxLeadTime) or "split" (a
	// fixed Share of the units of the orders from the backup). Default
	// "switch".
	Rule string `yaml:"rule"`
	// MaxLeadTime (switch) is the quoted lead time of the primary source,
	// in days, > 0, above which orders go to the backup. Optional.
	MaxLeadTime float64 `yaml:"max_lead_time"`
	// Share (split) is the share of the units ordered from the backup, in
	// (0, 1). Required by split.
	Share float64 `yaml:"share"`
}

// Lane is the route along which a site-item is replenished from its
// source.
type Lane struct {
	// Transit is the time in days from shipment at the source to receipt
	// (for a supplier source, from the order being ready): a number or a
	// distribution. Required for a site source; for a supplier source it
	// defaults to the supplier's LeadTime, and if given replaces it.
	Transit Dist `yaml:"transit"`
	// OrderDelay is the information delay in days, >= 0: an order placed
	// at t reaches the source at t + OrderDelay, which only then serves or
	// prepares it. Default 0. Not with a backup source.
	OrderDelay float64 `yaml:"order_delay"`
	// UnitCost is charged per unit shipped (money per unit). Default 0.
	UnitCost float64 `yaml:"unit_cost"`
	// ShipmentCost is charged per shipment (money per shipment). Default 0.
	ShipmentCost float64 `yaml:"shipment_cost"`
	// Shipment is "whole" (an upstream site ships a replenishment order
	// only when it can ship all of it; until then the order waits in its
	// backorder queue) or "partial" (it ships what it has and owes the
	// rest). "partial" needs a site source. Default "whole"; "" also means
	// whole.
	Shipment string `yaml:"shipment"`
	// Overtaking says whether shipments travel independently, so that with
	// random transit times a later one may arrive first (true), or arrive
	// in the order sent (false). Default (nil) true.
	Overtaking *bool `yaml:"overtaking"`
	// Priority ranks this site-item's orders at its source (a site) when
	// stock is short: higher is served first; equal priorities are served
	// first come first served. Default 0.
	Priority int `yaml:"priority"`
	// Disruption, if given, makes the lane fail: a shipment due to leave
	// during an outage waits at the source until it ends; shipments on
	// their way are not affected. Capacity does not apply. Optional.
	Disruption *Disruption `yaml:"disruption"`
	// Expedite, if given, is a faster, dearer mode of the lane, used for
	// a shipment when the site-item has many backorders. Optional.
	Expedite *Expedite `yaml:"expedite"`
}

// Expedite is a faster, dearer mode of a lane.
type Expedite struct {
	// Transit is the expedited transit time in days: a number or a
	// distribution. Required.
	Transit Dist `yaml:"transit"`
	// UnitCost is the extra cost per unit expedited (money per unit),
	// on top of the lane's own. Default 0.
	UnitCost float64 `yaml:"unit_cost"`
	// ShipmentCost is the extra cost per expedited shipment (money per
	// shipment), on top of the lane's own. Default 0.
	ShipmentCost float64 `yaml:"shipment_cost"`
	// Backorders is the threshold in units, >= 0: a shipment is expedited
	// when, as it is dispatched (from a supplier: when the order is
	// placed), the site-item has at least this many units backordered.
	// Required.
	Backorders int64 `yaml:"backorders"`
}

// Demand is one stream of customer demand at a site-item: arrivals of
// orders (Rate, Size and Arrivals), a daily quantity (Daily) or past demand
// (History). Give exactly one of Rate, Daily and History.
type Demand struct {
	// Name identifies the stream (it keys the stream's random numbers,
	// unless Stream is given); unique within the site-item. Default "d0",
	// "d1", ... by position.
	Name string `yaml:"name"`
	// Stream, if given, is the key of the stream's random numbers in place
	// of the default "SITE/ITEM/demand/NAME". Streams with the same key
	// draw the same orders: that is how several site-items face identical
	// customer demand under different policies (common random numbers).
	// Streams sharing a key must describe the same demand (rate, arrivals,
	// size or daily) and belong to different site-items. No spaces, '/' or
	// control characters.
	Stream string `yaml:"stream"`
	// Rate is the arrival rate of customer orders per day, > 0.
	Rate float64 `yaml:"rate"`
	// Arrivals is "poisson" (a Poisson process at Rate) or "regular"
	// (exactly every 1/Rate days, from time 1/Rate). Only with Rate.
	// Default "poisson".
	Arrivals string `yaml:"arrivals"`
	// Size is the number of units per customer order (units): a number or a
	// distribution, rounded to whole units when drawn. Default 1. Only with
	// Rate.
	Size Dist `yaml:"size"`
	// Daily is the distribution of the demand quantity per day (units per
	// day), placed as one order at each whole day.
	Daily Dist `yaml:"daily"`
	// Stockout is what customers do when stock runs out: "backorder" (wait)
	// or "lost_sale" (leave). Default "backorder".
	Stockout string `yaml:"stockout"`
	// Priority ranks these customers' backorders against other orders
	// waiting at the site-item: higher is served first; equal priorities
	// are served first come first served. Default 0.
	Priority int `yaml:"priority"`

	// The fields below describe how customers behave when their order
	// cannot be filled at once. Their traits are drawn for every order
	// from the stream's own random streams "KEY/customers/TRAIT", so every policy
	// meets the same customers. None applies to a drop-ship site-item.

	// AcceptBackorder is the share of customers short of stock who accept
	// a backorder, 0 to 1; the others take what ships now and leave, the
	// rest of their order lost. Only with stockout backorder. Default 1.
	AcceptBackorder *float64 `yaml:"accept_backorder"`
	// Patience is how long a backordered customer waits (days): a number
	// or a distribution; when it runs out, what is still owed is cancelled
	// (metric cancelled_units, cost cancel_cost of the item). Only with
	// stockout backorder. Default: customers wait for ever.
	Patience Dist `yaml:"patience"`
	// BalkWait makes customers who would be backordered leave, the short
	// units lost, when the wait they are quoted (see PromiseDates) exceeds
	// it (days, >= 0; 0: every customer short of stock leaves). Implies
	// PromiseDates. Only with stockout backorder. Default: no balking.
	BalkWait *float64 `yaml:"balk_wait"`
	// Shipment is "partial" (ship what is on hand now, backorder the rest)
	// or "complete" (ship whole orders only: an order that cannot ship
	// whole waits whole, ahead of the orders behind it). Default
	// "partial".
	Shipment string `yaml:"shipment"`
	// PromiseDates quotes every backordered customer a delivery date: the
	// receipt, among the replenishments on their way, that covers the
	// units owed to the orders ahead (its priority class and higher ones)
	// and its own; beyond them, the last of them (or now) plus the lane's
	// mean transit time. Measured by promise_accuracy and otif. Default
	// false.
	PromiseDates bool `yaml:"promise_dates"`
	// Substitute offers customers short of stock another item of the same
	// site. Default: none.
	Substitute Substitute `yaml:"substitute"`
	// Profile makes the demand vary by day: seasonality, trend and
	// promotions multiply Rate (or the mean of Daily). Optional; without
	// it demand is stationary. Not with History.
	Profile *Profile `yaml:"profile"`
	// History takes the stream's orders from a CSV file of past demand,
	// replayed or bootstrapped, instead of Rate or Daily. Give exactly one
	// of Rate, Daily and History.
	History *History `yaml:"history"`

	// history is the demand history read by validation, for Build.
	history *model.History
}

// Substitute is an item offered to customers when theirs is out of stock.
// A customer who takes it gets the short units from the substitute's
// stock on hand, as far as it goes and provided none of the substitute's
// own orders are waiting; what it cannot cover is backordered or lost as
// usual.
type Substitute struct {
	// Item names the substitute, an item stocked at the same site (not
	// drop-ship). Required in a substitute.
	Item string `yaml:"item"`
	// Share is the share of customers short of stock who take the
	// substitute, 0 to 1 (0: none does, for a what-if). Default 1.
	Share float64 `yaml:"share"`
	// Discount is the share of the substitute's price given off, in
	// [0, 1): each substituted unit earns its price × (1 − discount).
	// Default 0.
	Discount float64 `yaml:"discount"`
}

// Profile is a demand pattern over time. Each day d (the interval
// [d, d+1)) has one multiplier, the product of its parts, by which the
// stream's rate (or its daily quantity's mean) is multiplied that day:
//
//	weekly[d mod 7] × monthly[month of d] × max(0, 1 + trend·(d + 0.5)/365) × promotions
//
// Day 0 is the first day of the week (weekly[0]) and 1 January of a
// 365-day year whose months have calendar lengths. Every part is optional.
type Profile struct {
	// Weekly holds 7 multipliers >= 0, one per day of the week starting
	// with the day of day 0; not all 0. Default all 1.
	Weekly []float64 `yaml:"weekly"`
	// Monthly holds 12 multipliers >= 0, January first; not all 0.
	// Default all 1.
	Monthly []float64 `yaml:"monthly"`
	// Trend is a linear growth of the rate as a fraction per year (365
	// days): 0.1 is +10% a year, -0.2 is -20% a year; a declining rate
	// stops at 0. Default 0.
	Trend float64 `yaml:"trend"`
	// Promotions multiply demand on given days; overlapping promotions
	// multiply each other. Optional.
	Promotions []Promotion `yaml:"promotions"`
}

// Promotion is a spike of demand: Days whole days from day Start, during
// which demand is multiplied by Multiplier.
type Promotion struct {
	// Start is the first day of the promotion, a whole number >= 0.
	// Required.
	Start int64 `yaml:"start"`
	// Days is the length in whole days, >= 1. Required.
	Days int64 `yaml:"days"`
	// Multiplier multiplies the demand of those days, >= 0 (3 triples it,
	// 0 stops it). Required.
	Multiplier float64 `yaml:"multiplier"`
}

// Dist is a probability distribution of a non-negative quantity (units or
// days). In YAML it is a bare number, meaning a constant, or a mapping
// tagged by type; each type takes only its own parameters:
//
//	constant    value
//	uniform     min, max
//	exponential mean
//	poisson     mean
//	normal      mean, sd (truncated at 0)
//	gamma       mean, sd
//	lognormal   mean, sd (of the value, not of its log)
//	empirical   values, weights (optional; default equal)
//
// The zero Dist (Type "") means "not given".
type Dist struct {
	// Type is the family, one of the names above; "" when not given.
	Type string `yaml:"type"`
	// Value is the constant's value.
	Value float64 `yaml:"value"`
	// Min and Max bound the uniform distribution.
	Min float64 `yaml:"min"`
	Max float64 `yaml:"max"`
	// Mean and SD are the mean and standard deviation, in the unit of the
	// quantity described.
	Mean float64 `yaml:"mean"`
	SD   float64 `yaml:"sd"`
	// Values are an empirical distribution's values; Weights, if not nil,
	// their relative probabilities (one per value).
	Values  []float64 `yaml:"values"`
	Weights []float64 `yaml:"weights"`
}

// Policy is a replenishment policy, tagged by type; each type takes only
// its own parameters. All levels are in units of inventory position
// (on-hand + on-order − backorders):
//
//	rq            reorder_point, order_quantity           (continuous review)
//	sS            reorder_point, order_up_to, review, review_period
//	base_stock    order_up_to, review, review_period
//	jit           buffer                                   (lot for lot)
//	eoq           safety_stock, levels                     (r, Q derived)
//	safety_stock  cycle_service_level | fill_rate, review, review_period,
//	              order_quantity, levels                   (r or S derived)
//	vmi           min, max | min_days, max_days, review_period, consignment
//	dropship      fee
//	forecast      alpha | window, cycle_service_level, review, review_period,
//	              order_quantity, initial_forecast, initial_sd (r or S learned)
//
// eoq and safety_stock derive their levels from the demand reaching the
// site-item ([model.Network.DemandRate]), the item's costs and the lane's
// transit time, and, when its customer demand has a profile, from the
// demand expected over the window ahead of each review
// ([model.Network.LevelDemand]) unless Levels is "average"; vmi converts limits in days of cover with the mean demand;
// forecast recomputes its level from a forecast of the demand it observes
// ([model.Forecast]), starting from that mean.
//
// The zero Policy (Type "") means "not given".
type Policy struct {
	// Type is one of the names above; "" when not given.
	Type string `yaml:"type"`
	// ReorderPoint (r or s) in units: order when the inventory position
	// is at or below it. >= 0, except that rq and sS take a negative one
	// where every customer waits for what they are short of (stockout
	// backorder, accept_backorder 1, no patience, balk_wait or substitute):
	// it orders only once backorders reach -r.
	ReorderPoint int64 `yaml:"reorder_point"`
	// OrderQuantity (Q) in units, >= 1 (rq; safety_stock under continuous
	// review).
	OrderQuantity int64 `yaml:"order_quantity"`
	// OrderUpTo (S) in units: sS needs S > s; base_stock needs S >= 0.
	OrderUpTo int64 `yaml:"order_up_to"`
	// Review is "continuous" (after every customer order) or "periodic"
	// (every ReviewPeriod days). Default "continuous".
	Review string `yaml:"review"`
	// ReviewPeriod is the time between reviews in days, > 0; only with
	// Review "periodic", except for vmi, which always reviews periodically
	// and requires it.
	ReviewPeriod float64 `yaml:"review_period"`

	// Buffer (jit) is the inventory position kept, in units, >= 0.
	// Default 0.
	Buffer int64 `yaml:"buffer"`
	// SafetyStock (eoq) is added to the lead-time demand in the reorder
	// point, in units, >= 0. Default 0.
	SafetyStock int64 `yaml:"safety_stock"`
	// CycleServiceLevel and FillRate (safety_stock) are the service
	// target, in (0, 1); give exactly one.
	CycleServiceLevel float64 `yaml:"cycle_service_level"`
	FillRate          float64 `yaml:"fill_rate"`
	// Min and Max (vmi) are the limits in units: at a review, if the
	// inventory position is at or below Min, ship up to Max > Min.
	Min int64 `yaml:"min"`
	Max int64 `yaml:"max"`
	// MinDays and MaxDays (vmi) are the limits in days of cover instead,
	// converted to units with the mean demand per day reaching the
	// site-item and rounded to the nearest unit. Give Min and Max or
	// MinDays and MaxDays.
	MinDays float64 `yaml:"min_days"`
	MaxDays float64 `yaml:"max_days"`
	// Consignment (vmi) makes the supplier own the stock at the site until
	// it is sold: the site's holding cost is the supplier's. Default false.
	Consignment bool `yaml:"consignment"`
	// Fee (dropship) is charged per customer order passed to the source
	// (money per order), >= 0. Default 0.
	Fee float64 `yaml:"fee"`
	// Alpha (forecast) is the smoothing constant of an exponentially
	// smoothed forecast, in (0, 1]. Give Alpha or Window.
	Alpha float64 `yaml:"alpha"`
	// Window (forecast) is the days of a moving-average forecast, 1 to
	// 3650. Give Alpha or Window.
	Window int64 `yaml:"window"`
	// InitialForecast (forecast) is the warm start of the forecast, in
	// units per day, >= 0. Default: the mean demand reaching the
	// site-item.
	InitialForecast *float64 `yaml:"initial_forecast"`
	// InitialSD (forecast) is the warm start of the one-step forecast
	// error's standard deviation, in units per day, >= 0. Default: the
	// standard deviation of the daily demand reaching the site-item.
	InitialSD *float64 `yaml:"initial_sd"`
	// Theta, AlphaS, Beta and DesiredStock (sterman) are the parameters
	// of the anchoring-and-adjustment rule, θ, α_S and β in [0, 1] and S′
	// in units; default (nil) the typical estimates of Sterman (1989):
	// 0.36, 0.26, 0.34 and 17.
	Theta        *float64 `yaml:"theta"`
	AlphaS       *float64 `yaml:"alpha_s"`
	Beta         *float64 `yaml:"beta"`
	DesiredStock *float64 `yaml:"desired_stock"`
	// ExpectedDemand (sterman) is the expected demand at time 0, in
	// units per review period, >= 0. Default: the mean demand reaching
	// the site-item per review period.
	ExpectedDemand *float64 `yaml:"expected_demand"`
	// InformationSharing (sterman) makes the expected demand follow the
	// end customers' demand (that of the site-items downstream, its own
	// included) rather than the orders reaching the site-item. Default
	// false.
	InformationSharing bool `yaml:"information_sharing"`
	// Levels (eoq, safety_stock) says what demand the derived level
	// follows when the site-item's customer demand has a profile:
	// "profile" (the default, "" when not given), the demand expected
	// over the protection window ahead of each review, or "average", the
	// demand averaged over the horizon, one level for the whole run.
	Levels string `yaml:"levels"`
}

// The defaults applied before decoding.
const (
	DefaultSeed         = 1  // master seed
	DefaultReplications = 10 // independent runs
)

// DefaultScenario returns a Scenario holding every top-level default; the
// file is decoded over it.
func DefaultScenario() *Scenario {
	return &Scenario{Seed: DefaultSeed, Replications: DefaultReplications}
}

// defaulter is implemented by list elements that have defaults; the
// decoder calls setDefaults on each new element before decoding into it.
type defaulter interface{ setDefaults() }

func (s *Site) setDefaults()  { s.Type = "store" }
func (s *Stock) setDefaults() { s.Lane.Shipment = "whole" }
func (d *Demand) setDefaults() {
	d.Size = Dist{Type: "constant", Value: 1}
	d.Stockout = "backorder"
	d.Arrivals = "poisson"
	d.Shipment = "partial"
	d.Substitute.Share = 1
}
func (p *Policy) setDefaults() { p.Review = "continuous" }

// The names of the distribution types and their parameters (the policy
// types' are in policyKinds), and the words other fields allow.
var (
	distParams = map[string][]string{
		"constant":    {"value"},
		"uniform":     {"min", "max"},
		"exponential": {"mean"},
		"poisson":     {"mean"},
		"normal":      {"mean", "sd"},
		"gamma":       {"mean", "sd"},
		"lognormal":   {"mean", "sd"},
		"empirical":   {"values", "weights"},
	}
	siteTypes      = []string{"store", "warehouse"}
	stockouts      = []string{"backorder", "lost_sale"}
	reviews        = []string{"continuous", "periodic"}
	arrivals       = []string{"poisson", "regular"}
	shipments      = []string{"whole", "partial"}
	orderShipments = []string{"partial", "complete"}
	rules          = []string{"split", "switch"}
	levelModes     = []string{"profile", "average"}
	timeUnits      = []string{"minute", "hour", "day", "week", "month"}
)

// TimeUnitName is the scenario's time unit, singular: [Scenario.TimeUnit],
// or "day" if it is not set.
func (s *Scenario) TimeUnitName() string {
	if s.TimeUnit == "" {
		return "day"
	}
	return s.TimeUnit
}

// minCapacity is the smallest supplier capacity, in units per day, other
// than 0 (unlimited): much slower suppliers could push receipts past any
// representable time.
const minCapacity = 1e-6

// Compact returns a copy of s holding only what is reported about a
// scenario once its network is compiled: its scalar settings (File,
// Source, Name, Description, Seed, Replications, Horizon, Warmup,
// TimeUnit, VariantName, and any added later) and the fingerprint, taken
// now, that [Scenario.Fingerprint] returns. None of the decoded
// file (the items, suppliers, sites and variants, the YAML nodes and
// the positions of values) is kept, so that a long run does not hold it.
// The copy cannot be validated, compiled or overridden again.
func (s *Scenario) Compact() *Scenario {
	c := *s
	c.fingerprint = s.Fingerprint()
	// what the decoded file holds; every scalar setting stays
	c.Items, c.Suppliers, c.Sites, c.Variants = nil, nil, nil, nil
	c.root, c.files, c.overrides, c.checked, c.pos, c.bad = nil, nil, nil, nil, nil, nil
	return &c
}
