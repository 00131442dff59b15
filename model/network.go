package model

import "fmt"

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
}

// Supplier is an outside source of stock with unlimited capacity.
type Supplier struct {
	Name string
	// LeadTime is the time in days from placing an order to its receipt.
	LeadTime Dist
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
	// Supplier is the index into Network.Suppliers that replenishes it.
	Supplier int
	// Initial is the on-hand stock at time 0, in units.
	Initial int64
	Policy  Policy
	Demand  []Demand
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
	// Rate is the Poisson arrival rate of customer orders per day, each
	// of Size units. When Rate is 0 the stream is daily instead: one
	// aggregate order of Daily units at each whole day 0, 1, 2, ...
	Rate float64
	Size Dist
	// Daily is the distribution of the demand quantity per day.
	Daily    Dist
	Stockout Stockout
}

// IsDaily reports whether the stream is a daily quantity rather than
// Poisson arrivals.
func (d *Demand) IsDaily() bool { return d.Rate == 0 }

// MeanPerDay returns the expected demand in units per day.
func (d *Demand) MeanPerDay() float64 {
	if d.IsDaily() {
		return d.Daily.Mean()
	}
	return d.Rate * d.Size.Mean()
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
			if st.Supplier < 0 || st.Supplier >= len(n.Suppliers) {
				return fmt.Errorf("network %s: %s: supplier index %d out of range", n.Name, n.SKU(i, j), st.Supplier)
			}
			if st.Policy == nil {
				return fmt.Errorf("network %s: %s: no policy", n.Name, n.SKU(i, j))
			}
		}
	}
	return nil
}
