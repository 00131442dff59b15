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
	index := map[[2]int]int{} // (site, item) → site-item
	refs := n.SKUs()
	for i, ref := range refs {
		index[[2]int{ref.Site, n.Sites[ref.Site].Stocks[ref.Stock].Item}] = i
	}
	up := make([]int, len(refs))
	for i, ref := range refs {
		st := &n.Sites[ref.Site].Stocks[ref.Stock]
		up[i] = -1
		if st.Source.Kind == SiteNode {
			if u, ok := index[[2]int{st.Source.Index, st.Item}]; ok {
				up[i] = u
			}
		}
	}
	return up
}

// Echelons returns the echelon of every site-item in [Network.SKUs] order:
// 1 for a site-item no other site-item orders from (it serves customers
// only), and otherwise one more than the highest echelon among those that
// order from it. It fails if the sources form a cycle.
func (n *Network) Echelons() ([]int, error) {
	up := n.upstream()
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
		for i, u := range up {
			if u >= 0 && level[u] < level[i]+1 {
				level[u] = level[i] + 1
				changed = true
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
// Policies that derive their parameters (EOQ, safety stock) use it.
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
			m, v := d.Moments(int64(math.Ceil(n.Horizon)))
			mean[i] += m
			variance[i] += v
		}
	}
	up := n.upstream()
	// add each site-item's total into its source, lowest echelon first
	maxLevel := slices.Max(level)
	for l := 1; l <= maxLevel; l++ {
		for i, u := range up {
			if level[i] == l && u >= 0 {
				mean[u] += mean[i]
				variance[u] += variance[i]
			}
		}
	}
	return mean, variance, nil
}
