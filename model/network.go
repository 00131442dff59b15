package model

import (
	"fmt"
	"math"
	"slices"
)

// Network is a supply chain ready to simulate: items, suppliers and stocking
// sites, with every name already resolved to an index. It is read-only
// during runs and shared by all replications.
type Network struct {
	Name      string
	Items     []Item
	Suppliers []Supplier
	Sites     []Site
	// Horizon is the simulated length of a replication in days.
	Horizon float64
	// Warmup is the time in days at which statistics are reset; state
	// (stock, orders, backorders) is kept. 0 means no warm-up.
	Warmup float64
	// TimeUnit is a label: what one "day" of the network stands for
	// ("week"), "" or "day" for days. Nothing is computed from it; a
	// trace's rules abbreviate times with it.
	TimeUnit string
}

// Item is a product with its costs. Money is in the scenario's currency.
type Item struct {
	Name string
	// UnitCost is what one unit costs to buy; Price is what it sells for.
	UnitCost, Price float64
	// HoldingCost is charged per unit on hand per day.
	HoldingCost float64
	// BackorderCost is charged per backordered unit per day.
	BackorderCost float64
	// LostSaleCost is charged per unit of demand lost.
	LostSaleCost float64
	// OrderCost is the fixed cost of one replenishment order.
	OrderCost float64
	// CancelCost is charged per backordered unit a customer cancels.
	CancelCost float64
}

// Supplier is an outside source of stock. It has unlimited stock; its
// capacity limits how fast it can prepare orders.
type Supplier struct {
	Name string
	// Capacity is how many units a day the supplier can prepare; 0 means
	// unlimited. Orders are prepared one after another, first come first
	// served: an order of q units waits for the orders before it, then takes
	// q / Capacity days, then travels the lane's transit time.
	Capacity float64
	// Disruption, if not nil, makes the supplier fail: during an outage it
	// prepares nothing (or works at a reduced capacity), and orders wait
	// for it. See [Disruption].
	Disruption *Disruption
}

// SiteKind says whether a site is a warehouse (or DC) or a store. It is a
// label for output; both kinds behave alike.
type SiteKind uint8

// The site kinds.
const (
	Warehouse SiteKind = iota
	Store
)

// String returns "warehouse" or "store".
func (k SiteKind) String() string {
	if k == Store {
		return "store"
	}
	return "warehouse"
}

// Site is a stocking location holding one or more items.
type Site struct {
	Name   string
	Kind   SiteKind
	Stocks []Stock
}

// Stock is one item held at one site (a site-item, or SKU): where it is
// replenished from, how, and the customer demand it serves.
type Stock struct {
	Item int // index into Network.Items
	// Source is where the site-item orders from: a supplier, or the same
	// item at an upstream site.
	Source Node
	// Lane is the route from the source to this site.
	Lane Lane
	// Initial is the on-hand stock at time 0, in units.
	Initial int64
	Policy  Policy
	Demand  []Demand
	// Backup, if not nil, is a second source with its own lane, used by
	// its rule (see [Backup]).
	Backup *Backup
	// Pipeline, when > 0, fills the lane at time 0 as if the site-item
	// had ordered Pipeline units at every review before it (its policy
	// reviews periodically, every P days): with order delay D and transit
	// time T (its mean), the order of the review at −jP (j = 1, 2, ...)
	// reaches the source at D − jP if that is after 0, or else, if
	// D − jP + T > 0, is on its way and arrives then. Those units count
	// as on order.
	Pipeline int64
}

// NodeKind says whether a node is a supplier or a site.
type NodeKind uint8

// The node kinds.
const (
	SupplierNode NodeKind = iota
	SiteNode
)

// Node names a supplier or a site by its index in Network.Suppliers or
// Network.Sites.
type Node struct {
	Kind  NodeKind
	Index int
}

// Lane is the route along which a site-item is replenished from its source.
type Lane struct {
	// Transit is the time in days from shipment at the source to receipt
	// (for a supplier: from the order being ready to its receipt).
	Transit Dist
	// OrderDelay is the information delay in days: an order placed at t
	// reaches the source at t + OrderDelay, and only then is served (by
	// a site) or prepared (by a supplier). Its units count as on order
	// from t. 0: at once.
	OrderDelay float64
	// UnitCost is charged per unit shipped and ShipmentCost per shipment.
	UnitCost, ShipmentCost float64
	// Partial lets an upstream site ship what it has and owe the rest;
	// otherwise it ships whole orders only, and an order it cannot ship
	// whole waits in its backorder queue.
	Partial bool
	// Priority ranks this site-item's orders at an upstream source when
	// stock is short: higher is served first; equal priorities are served
	// first come first served (the default, all 0).
	Priority int
	// NoOvertaking makes shipments arrive in the order they were sent: a
	// shipment whose transit time would bring it in before an earlier one
	// arrives together with that one instead. Either way the inventory
	// position stays exact: it counts every unit on order.
	NoOvertaking bool
	// Disruption, if not nil, makes the lane fail: a shipment due to leave
	// during an outage waits at the source until the outage ends;
	// shipments already on their way are not affected.
	Disruption *Disruption
	// Expedite, if not nil, is a faster mode of the lane used while the
	// destination has many backorders (see [Expedite]).
	Expedite *Expedite
}

// Disruption describes the outages of a supplier or a lane: scheduled
// ones, or random ones alternating with working periods. Times are in
// days.
type Disruption struct {
	// Outages are the scheduled outages, in order of start and not
	// overlapping.
	Outages []Outage
	// Random makes the outages random instead: the entity works for a
	// time drawn from Uptime (the time between failures, from the end of
	// one outage to the start of the next; the first starts that long
	// after time 0), then is out for a time drawn from Downtime (the time
	// to repair). Both must have a mean > 0. The draws come from the
	// entity's own random stream, "SUPPLIER/disruption" for a supplier,
	// "SITE/ITEM/lane/disruption" for a lane ("SITE/ITEM/backup/disruption"
	// for a backup lane), so turning them on changes no other draw.
	Random           bool
	Uptime, Downtime Dist
	// Capacity is the share of a supplier's capacity left during an
	// outage, in [0, 1): 0 stops it. Only a supplier with a capacity can
	// be reduced; a lane always stops.
	Capacity float64
	// RecoveryWindow is how many days after an outage's end a site-item's
	// days are watched for the time to recover (see [Counters]); 0 means
	// [DefaultRecoveryWindow].
	RecoveryWindow float64
}

// DefaultRecoveryWindow is the look-ahead of the time to recover, in days,
// when a disruption does not give one.
const DefaultRecoveryWindow = 30

// Outage is one scheduled outage: from Start for Duration days.
type Outage struct {
	Start, Duration float64
}

// Expedite is a faster, dearer mode of a lane. A shipment uses it when, as
// it is dispatched (from a supplier: when the order is placed), the
// destination site-item has at least Backorders units backordered. An
// expedited shipment pays the lane's own cost plus UnitCost per unit and
// ShipmentCost per shipment; its transit time is drawn from Transit with
// the stream "SITE/ITEM/expedite" ("SITE/ITEM/backup/expedite" on a backup
// lane). Expedited shipments are not held back by NoOvertaking.
type Expedite struct {
	Transit                Dist
	UnitCost, ShipmentCost float64
	Backorders             int64
}

// SourcingRule says how a site-item with a [Backup] divides its orders.
type SourcingRule uint8

// The sourcing rules.
const (
	// Switch orders everything from the primary source, except while it
	// is down (its supplier or its lane is in an outage) or, with a
	// MaxLeadTime, while its quoted lead time exceeds it: then from the
	// backup.
	Switch SourcingRule = iota
	// Split sends a fixed share of the units to the backup: the backup's
	// part of the n-th order is floor(Share·U(n)) − floor(Share·U(n−1)),
	// U(n) being the units ordered in orders 1..n, and the primary gets
	// the rest. An order of a few units thus goes whole to one source or
	// the other, and in the long run the backup gets exactly Share.
	Split
)

// String returns "switch" or "split".
func (r SourcingRule) String() string {
	if r == Split {
		return "split"
	}
	return "switch"
}

// Backup is the second source of a site-item.
type Backup struct {
	// Source is a supplier or a site stocking the item; Lane is the route
	// from it (its transit times use the stream "SITE/ITEM/backup/lead_time").
	Source Node
	Lane   Lane
	Rule   SourcingRule
	// MaxLeadTime (Switch), when > 0, switches an order to the backup when
	// the primary's quoted lead time exceeds it, in days. A supplier
	// quotes the wait for the orders before it, q / capacity days of work,
	// the rest of a current outage and the lane's mean transit time; a
	// site quotes the lane's mean transit time when it can ship the order
	// at once, and infinity otherwise.
	MaxLeadTime float64
	// Share (Split) is the share of units ordered from the backup, in
	// (0, 1).
	Share float64
}

// Stockout says what a customer does when an order cannot be filled at once.
type Stockout uint8

// The stockout behaviours.
const (
	// Backorder: the customer takes what is on hand now and waits for the
	// rest, which is filled first-come-first-served as stock arrives.
	Backorder Stockout = iota
	// LostSale: the customer takes what is on hand and the rest is lost.
	LostSale
)

// String returns "backorder" or "lost_sale".
func (s Stockout) String() string {
	if s == LostSale {
		return "lost_sale"
	}
	return "backorder"
}

// Demand is one stream of customer orders at a site-item.
type Demand struct {
	// Name identifies the stream in its random-stream key; it must be
	// unique within the site-item.
	Name string
	// Key, if set, replaces the default random-stream key
	// "SITE/ITEM/demand/NAME": streams with the same key draw exactly the
	// same arrivals and sizes, which makes site-items under different
	// policies face identical demand (common random numbers).
	Key string
	// Rate is the arrival rate of customer orders per day, each of Size
	// units: a Poisson process, or with Regular exactly every 1/Rate days
	// (from time 1/Rate). When Rate is 0 the stream is daily instead: one
	// aggregate order of Daily units in the middle of each day, at times
	// 0.5, 1.5, 2.5, ..., so that a day's demand falls between the
	// receipts and reviews at whole days.
	Rate    float64
	Regular bool
	Size    Dist
	// Daily is the distribution of the demand quantity per day.
	Daily    Dist
	Stockout Stockout
	// Priority ranks these customers' backorders against other orders
	// waiting at the site-item: higher is served first, equal priorities
	// first come first served (the default, all 0).
	Priority int
	// Customers is how the stream's customers behave when their order
	// cannot be filled at once; the zero value is the classic customer,
	// who takes what is on hand and waits for the rest (or, with LostSale,
	// leaves).
	Customers Customers
	// Profile, if not nil, makes the demand vary by day: it multiplies
	// Rate, or the mean of Daily, by the day's factor. Arrivals then form
	// a non-homogeneous Poisson process (or, with Regular, one arrival per
	// unit of the integrated rate).
	Profile *Profile
	// History, if not nil, replaces Rate and Daily: the stream's customer
	// orders are those of the history, each at the middle of its day
	// (times d + 0.5), in the history's order. With Block 0 the history is
	// replayed as it is, once, and the stream stops at its end; with Block
	// B >= 1 it is a circular block bootstrap (Politis and Romano, 1992):
	// from day 0, every B days a block of B consecutive history days is
	// drawn, starting at a uniformly drawn day and wrapping from the last
	// day to the first, and its orders come on the next B days. Every
	// history day is equally likely on every day, so the mean is kept, and
	// so is the correlation between days within a block. The draws come
	// from the random stream KEY/bootstrap, KEY being the demand's stream
	// key.
	History *History
	Block   int
}

// Customers describes how the customers of one demand stream behave when
// their order cannot be filled at once from stock. Each customer's
// traits are drawn for every order, needed or not, each from its own
// random stream: "KEY/customers/accept" (accepting a backorder),
// "KEY/customers/substitute" (taking the substitute) and
// "KEY/customers/patience" (KEY the demand stream's key). So every policy
// meets the same customers, and changing one trait's setting leaves the
// others' draws alone.
type Customers struct {
	// Decline is the share of customers short of stock who will not wait:
	// they take what ships now and the rest is lost. 0: all of them wait.
	Decline float64
	// Patience, when not nil, is how long in days a backordered customer
	// waits: at the end of it, what is still owed is cancelled.
	Patience *Dist
	// Balk makes customers leave, as if they declined, when the wait they
	// are quoted (see Quote) exceeds BalkWait days.
	Balk     bool
	BalkWait float64
	// Complete ships complete orders only: an order that cannot be filled
	// whole at once ships nothing now, and waits whole (it blocks the
	// orders behind it in its class until it can ship).
	Complete bool
	// Quote gives every backordered customer a promised delivery date: the
	// receipt, among the replenishments on their way, that covers the
	// units owed to the orders ahead of it and its own; beyond them, the
	// last of them (or now) plus the lane's mean transit time.
	Quote bool
	// Substitute, when not nil, offers short customers another item of
	// the same site.
	Substitute *Substitute
}

// Substitute is an item offered in place of one that is out of stock.
type Substitute struct {
	// Stock is the substitute's index in the site's Stocks.
	Stock int
	// Share is the share of customers short of stock who take the
	// substitute, from what it has on hand and no one waits for; 0 to 1.
	Share float64
	// Discount is the share of the substitute's price given off: its
	// revenue is Price × (1 − Discount).
	Discount float64
}

// active reports whether the customers behave otherwise than the classic
// customer.
func (c *Customers) active() bool {
	return c.Decline > 0 || c.Patience != nil || c.Balk || c.Complete || c.Quote || c.Substitute != nil
}

// IsDaily reports whether the stream is a daily quantity or a history
// rather than arrivals at a rate.
func (d *Demand) IsDaily() bool { return d.Rate == 0 }

// VariancePerDay returns the variance of the demand in units per day: for
// a compound Poisson stream λ·E[size²], for a daily stream the variance of
// the daily quantity, for a history that of its days' totals.
func (d *Demand) VariancePerDay() float64 {
	if d.History != nil {
		return d.History.Variance()
	}
	if d.IsDaily() {
		return d.Daily.SD() * d.Daily.SD()
	}
	m, sd := d.Size.Mean(), d.Size.SD()
	return d.Rate * (sd*sd + m*m)
}

// MeanPerDay returns the expected demand in units per day.
func (d *Demand) MeanPerDay() float64 {
	if d.History != nil {
		return d.History.Mean()
	}
	if d.IsDaily() {
		return d.Daily.Mean()
	}
	return d.Rate * d.Size.Mean()
}

// Moments returns the mean and variance of the stream's demand per day,
// averaged over days [0, days) under its [Profile]: with day factors m,
// the mean is E[m] × [Demand.MeanPerDay], and the variance adds to the
// within-day variance (scaled by E[m] for arrivals, by E[m²] for a daily
// quantity) the variance of the daily means across days. Without a
// profile they are MeanPerDay and VariancePerDay.
func (d *Demand) Moments(days int64) (mean, variance float64) {
	mean, variance = d.MeanPerDay(), d.VariancePerDay()
	if d.Profile == nil {
		return mean, variance
	}
	m, m2 := d.Profile.Moments(days)
	between := mean * mean * (m2 - m*m)
	if d.IsDaily() {
		sd := d.Daily.SD()
		return m * mean, m2*sd*sd + between
	}
	return m * mean, m*variance + between
}

// validate checks what a run needs of the stream's history and profile.
func (d *Demand) validate() error {
	if d.Profile != nil {
		if err := d.Profile.Validate(); err != nil {
			return err
		}
	}
	if d.History == nil {
		return nil
	}
	switch {
	case d.Rate != 0:
		return fmt.Errorf("a history replaces the rate, got rate %v", d.Rate)
	case d.Profile != nil:
		return fmt.Errorf("a history is replayed as it is, without a profile")
	case d.Block < 0 || d.Block > d.History.Days():
		return fmt.Errorf("bootstrap block of %d days, want 0 (replay) to the history's %d days", d.Block, d.History.Days())
	}
	return nil
}

// SKU names a site-item as "site/item".
func (n *Network) SKU(site, stock int) string {
	s := &n.Sites[site]
	return s.Name + "/" + n.Items[s.Stocks[stock].Item].Name
}

// Validate checks what a Network needs to run. Package scenarios reports
// user errors with positions before building; this catches programming
// errors in networks built by hand.
func (n *Network) Validate() error {
	if !(n.Horizon > 0) {
		return fmt.Errorf("network %s: horizon must be > 0, got %v", n.Name, n.Horizon)
	}
	if !(n.Warmup >= 0 && n.Warmup < n.Horizon) {
		return fmt.Errorf("network %s: warm-up must be in [0, horizon), got %v", n.Name, n.Warmup)
	}
	if len(n.Sites) == 0 {
		return fmt.Errorf("network %s: no sites", n.Name)
	}
	for i := range n.Suppliers {
		if d := n.Suppliers[i].Disruption; d != nil {
			if err := d.validate(n.Suppliers[i].Capacity > 0); err != nil {
				return fmt.Errorf("network %s: supplier %s: %w", n.Name, n.Suppliers[i].Name, err)
			}
		}
	}
	for i := range n.Sites {
		for j := range n.Sites[i].Stocks {
			st := &n.Sites[i].Stocks[j]
			if st.Item < 0 || st.Item >= len(n.Items) {
				return fmt.Errorf("network %s: site %s: item index %d out of range", n.Name, n.Sites[i].Name, st.Item)
			}
			switch src := st.Source; {
			case src.Kind == SupplierNode && (src.Index < 0 || src.Index >= len(n.Suppliers)):
				return fmt.Errorf("network %s: %s: supplier index %d out of range", n.Name, n.SKU(i, j), src.Index)
			case src.Kind == SiteNode && (src.Index < 0 || src.Index >= len(n.Sites)):
				return fmt.Errorf("network %s: %s: source site index %d out of range", n.Name, n.SKU(i, j), src.Index)
			case src.Kind == SiteNode && n.stockOf(src.Index, st.Item) < 0:
				return fmt.Errorf("network %s: %s: source site %s does not stock the item", n.Name, n.SKU(i, j), n.Sites[src.Index].Name)
			}
			for _, ln := range []*Lane{&st.Lane, st.backupLane()} {
				if ln == nil {
					continue
				}
				if d := ln.Disruption; d != nil {
					if err := d.validate(false); err != nil {
						return fmt.Errorf("network %s: %s: lane: %w", n.Name, n.SKU(i, j), err)
					}
				}
				if e := ln.Expedite; e != nil && e.Backorders < 0 {
					return fmt.Errorf("network %s: %s: expedite threshold must be >= 0, got %d", n.Name, n.SKU(i, j), e.Backorders)
				}
			}
			if err := st.validateDelays(); err != nil {
				return fmt.Errorf("network %s: %s: %w", n.Name, n.SKU(i, j), err)
			}
			if b := st.Backup; b != nil {
				if _, ok := st.Policy.(*DropShip); ok {
					return fmt.Errorf("network %s: %s: a drop-ship site-item cannot have a backup source", n.Name, n.SKU(i, j))
				}
				switch src := b.Source; {
				case src.Kind == SupplierNode && (src.Index < 0 || src.Index >= len(n.Suppliers)):
					return fmt.Errorf("network %s: %s: backup supplier index %d out of range", n.Name, n.SKU(i, j), src.Index)
				case src.Kind == SiteNode && (src.Index < 0 || src.Index >= len(n.Sites)):
					return fmt.Errorf("network %s: %s: backup site index %d out of range", n.Name, n.SKU(i, j), src.Index)
				case src.Kind == SiteNode && n.stockOf(src.Index, st.Item) < 0:
					return fmt.Errorf("network %s: %s: backup site %s does not stock the item", n.Name, n.SKU(i, j), n.Sites[src.Index].Name)
				case src == st.Source:
					return fmt.Errorf("network %s: %s: the backup is the primary source", n.Name, n.SKU(i, j))
				case b.Rule == Split && !(b.Share > 0 && b.Share < 1):
					return fmt.Errorf("network %s: %s: split share must be in (0, 1), got %v", n.Name, n.SKU(i, j), b.Share)
				}
			}
			if st.Policy == nil {
				return fmt.Errorf("network %s: %s: no policy", n.Name, n.SKU(i, j))
			}
			for k := range st.Demand {
				if err := st.Demand[k].validate(); err != nil {
					return fmt.Errorf("network %s: %s: demand %s: %w", n.Name, n.SKU(i, j), st.Demand[k].Name, err)
				}
			}
		}
	}
	if _, err := n.Echelons(); err != nil {
		return err
	}
	return nil
}

// backupLane returns the backup's lane, or nil without a backup.
func (st *Stock) backupLane() *Lane {
	if st.Backup == nil {
		return nil
	}
	return &st.Backup.Lane
}

// stockOf returns the index of item in site's Stocks, or -1.
func (n *Network) stockOf(site, item int) int {
	for j := range n.Sites[site].Stocks {
		if n.Sites[site].Stocks[j].Item == item {
			return j
		}
	}
	return -1
}

// upstream returns, for every site-item in [Network.SKUs] order, the index
// of the site-item it orders from, or -1 when its source is a supplier.
func (n *Network) upstream() []int {
	up, _ := n.sources()
	return up
}

// sources returns, for every site-item in [Network.SKUs] order, the index
// of the site-item it orders from and that of its backup source, each -1
// when it is a supplier or (backup) when there is none.
func (n *Network) sources() (up, backup []int) {
	// start[s] is the index of site s's first site-item; at[s*len(Items)+item]
	// that of site s's stock of item plus one (0 when it has none), a dense
	// table while it is no bigger than a few times the site-items, a map
	// otherwise
	start := make([]int, len(n.Sites)+1)
	for i := range n.Sites {
		start[i+1] = start[i] + len(n.Sites[i].Stocks)
	}
	count := start[len(n.Sites)]
	var at []int32
	var index map[[2]int]int
	if cells := len(n.Sites) * len(n.Items); cells <= 4*count+1024 {
		at = make([]int32, cells)
		for i := range n.Sites {
			for j, st := range n.Sites[i].Stocks {
				at[i*len(n.Items)+st.Item] = int32(start[i]+j) + 1
			}
		}
	} else {
		index = make(map[[2]int]int, count)
		for i := range n.Sites {
			for j, st := range n.Sites[i].Stocks {
				index[[2]int{i, st.Item}] = start[i] + j
			}
		}
	}
	find := func(src Node, item int) int {
		if src.Kind != SiteNode {
			return -1
		}
		if at != nil {
			return int(at[src.Index*len(n.Items)+item]) - 1
		}
		if u, ok := index[[2]int{src.Index, item}]; ok {
			return u
		}
		return -1
	}
	up = make([]int, count)
	backup = make([]int, count)
	for i := range n.Sites {
		for j := range n.Sites[i].Stocks {
			st := &n.Sites[i].Stocks[j]
			k := start[i] + j
			up[k], backup[k] = find(st.Source, st.Item), -1
			if st.Backup != nil {
				backup[k] = find(st.Backup.Source, st.Item)
			}
		}
	}
	return up, backup
}

// Echelons returns the echelon of every site-item in [Network.SKUs] order:
// 1 for a site-item no other site-item orders from (it serves customers
// only), and otherwise one more than the highest echelon among those that
// order from it. It fails if the sources form a cycle.
//
// A backup source counts like a source: it is at least one echelon above
// the site-items it backs up.
func (n *Network) Echelons() ([]int, error) {
	up, backup := n.sources()
	level := make([]int, len(up))
	for i := range up {
		level[i] = 1
	}
	// relax along every chain; a chain longer than the number of
	// site-items means a cycle
	for changed, rounds := true, 0; changed; rounds++ {
		if rounds > len(up) {
			return nil, fmt.Errorf("network %s: the sources of its site-items form a cycle", n.Name)
		}
		changed = false
		for i := range up {
			for _, u := range [2]int{up[i], backup[i]} {
				if u >= 0 && level[u] < level[i]+1 {
					level[u] = level[i] + 1
					changed = true
				}
			}
		}
	}
	return level, nil
}

// DemandRate returns the mean and variance per day of the demand that
// reaches each site-item, in [Network.SKUs] order: its customers' demand
// plus, in the long run, the demand of every site-item it supplies
// (variances add, as for independent streams). A stream with a
// [Profile] counts with its average over the horizon ([Demand.Moments]).
// A site-item that splits its orders with a backup passes the backup its
// share of the mean (and the square of the share times the variance); a
// switching one passes everything to its primary source. Policies that
// derive their parameters (EOQ, safety stock) use it.
func (n *Network) DemandRate() (mean, variance []float64, err error) {
	level, err := n.Echelons()
	if err != nil {
		return nil, nil, err
	}
	refs := n.SKUs()
	mean = make([]float64, len(refs))
	variance = make([]float64, len(refs))
	for i, ref := range refs {
		for _, d := range n.Sites[ref.Site].Stocks[ref.Stock].Demand {
			if d.Profile != nil {
				if err := d.Profile.Validate(); err != nil {
					return nil, nil, fmt.Errorf("%s: demand %s: %w", ref.Name, d.Name, err)
				}
			}
			m, v := d.Moments(int64(math.Ceil(n.Horizon)))
			mean[i] += m
			variance[i] += v
		}
	}
	up, backup := n.sources()
	// add each site-item's total into its sources, lowest echelon first
	maxLevel := slices.Max(level)
	for l := 1; l <= maxLevel; l++ {
		for i, u := range up {
			if level[i] != l {
				continue
			}
			share := 0.0
			if b := n.Sites[refs[i].Site].Stocks[refs[i].Stock].Backup; b != nil && b.Rule == Split {
				share = b.Share
			}
			if u >= 0 {
				if share == 0 {
					mean[u] += mean[i]
					variance[u] += variance[i]
				} else {
					mean[u] += (1 - share) * mean[i]
					variance[u] += (1 - share) * (1 - share) * variance[i]
				}
			}
			if b := backup[i]; b >= 0 && share > 0 {
				mean[b] += share * mean[i]
				variance[b] += share * share * variance[i]
			}
		}
	}
	return mean, variance, nil
}
