package stats

import (
	"fmt"
	"strings"

	"scsim/model"
)

// Scope names of the roll-ups: [Summary.Scope] takes them.
const (
	ScopeCustomers = "customers" // the headline total
	scopeEchelon   = "echelon-"  // followed by the level
	scopeSite      = "site:"     // followed by the site's name
	scopeItem      = "item:"     // followed by the item's name
)

// ScopeResult is one part of a summary that a question is asked of: its
// estimates and the per-replication values behind them (index by
// replication), for paired comparisons.
type ScopeResult struct {
	Name       string // as [Summary.Scope] takes it
	Kind       string // KindCustomers, KindSiteItem, KindEchelon, KindSite or KindItem
	Site, Item string // the site-item's, the site's or the item's name; empty otherwise
	Metrics    *[model.NumMetrics]Estimate
	Reps       [][model.NumMetrics]float64
}

// Scope returns the part of s named name: "customers" (the headline
// total), "SITE/ITEM" (a site-item), "echelon-N", "site:NAME" or
// "item:NAME" (roll-ups). The error lists the valid names.
func (s *Summary) Scope(name string) (ScopeResult, error) {
	if name == "total" {
		name = ScopeCustomers
	}
	scopes := s.Scopes()
	for _, sc := range scopes {
		if sc.Name == name {
			return sc, nil
		}
	}
	names := make([]string, len(scopes))
	for i, sc := range scopes {
		names[i] = sc.Name
	}
	return ScopeResult{}, fmt.Errorf("unknown scope %q (scopes: %s)", name, strings.Join(names, ", "))
}

// Scope kinds, as in [ScopeResult.Kind].
const (
	KindCustomers = "customers"
	KindSiteItem  = "site-item"
	KindEchelon   = "echelon"
	KindSite      = "site"
	KindItem      = "item"
)

// Scopes returns every part of s in output order: the customers' total,
// the site-items, then the echelons, sites and items.
func (s *Summary) Scopes() []ScopeResult {
	out := []ScopeResult{{Name: ScopeCustomers, Kind: KindCustomers, Metrics: &s.Total, Reps: s.totalReps}}
	for i := range s.SKUs {
		k := &s.SKUs[i]
		out = append(out, ScopeResult{Name: k.Site + "/" + k.Item, Kind: KindSiteItem, Site: k.Site, Item: k.Item, Metrics: &k.Metrics, Reps: s.skuReps(i)})
	}
	for _, gs := range [][]Group{s.Echelons, s.Sites, s.Items} {
		for g := range gs {
			sc := ScopeResult{Name: gs[g].ScopeName(), Kind: gs[g].Kind, Metrics: &gs[g].Metrics, Reps: gs[g].reps}
			switch gs[g].Kind {
			case KindSite:
				sc.Site = gs[g].Name
			case KindItem:
				sc.Item = gs[g].Name
			}
			out = append(out, sc)
		}
	}
	return out
}

// ScopeName returns the name by which [Summary.Scope] finds g:
// "echelon-N", "site:NAME" or "item:NAME".
func (g *Group) ScopeName() string {
	switch g.Kind {
	case KindSite:
		return scopeSite + g.Name
	case KindItem:
		return scopeItem + g.Name
	}
	return g.Name
}
