package scenarios

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
)

// node is a supplier or a site, by index.
type node struct {
	site  bool
	index int
}

// node checks the name of a supplier or site and records it in v.nodes.
// A missing or duplicate name makes the network's references unreliable,
// so the reachability checks are skipped.
func (v *validator) node(path, name string, owners map[string]string, owner string, n node) {
	_, dup := owners[name]
	v.unique(path, name, owners, owner)
	if name == "" || dup {
		v.unresolved = true
		return
	}
	v.nodes[name] = n
}

// unique checks a name and that it is not already in seen, then adds it.
func (v *validator) unique(path, name string, seen map[string]string, owner string) {
	v.name(path, name)
	if name == "" {
		return
	}
	if first, ok := seen[name]; ok {
		v.errorf(path, "duplicate name %q (also %s)", name, first)
		return
	}
	seen[name] = owner
}

func (v *validator) item(p string, it *Item, seen map[string]int, i int) {
	v.name(p+".name", it.Name)
	v.rollUpName(p+".name", "item", it.Name)
	if first, ok := seen[it.Name]; ok && it.Name != "" {
		v.errorf(p+".name", "duplicate item name %q (also items[%d])", it.Name, first)
	} else {
		seen[it.Name] = i
	}
	v.nonnegAt(p, ".unit_cost", it.UnitCost)
	v.nonnegAt(p, ".price", it.Price)
	v.nonnegAt(p, ".holding_cost", it.HoldingCost)
	v.nonnegAt(p, ".holding_rate", it.HoldingRate)
	v.nonnegAt(p, ".backorder_cost", it.BackorderCost)
	v.nonnegAt(p, ".lost_sale_cost", it.LostSaleCost)
	v.nonnegAt(p, ".order_cost", it.OrderCost)
	v.nonnegAt(p, ".cancel_cost", it.CancelCost)
	if v.givenAt(p, ".holding_cost", it.HoldingCost != 0) && v.givenAt(p, ".holding_rate", it.HoldingRate != 0) {
		v.errorf(p+".holding_rate", "give holding_cost (per unit per %s) or holding_rate (per year, of unit_cost), not both", v.day())
	}
}

func (v *validator) site(p string, st *Site) {
	s := v.s
	v.oneOf(p+".type", "site type", st.Type, siteTypes)
	if len(st.Stock) == 0 {
		v.errorf(p+".stock", "at least one stocked item is required")
		v.unresolved = true
	}
	itemNames := make([]string, len(s.Items))
	for i := range s.Items {
		itemNames[i] = s.Items[i].Name
	}
	slices.Sort(itemNames)
	stocked := map[string]int{}
	for j := range st.Stock {
		sp := index(p+".stock", j)
		sk := &st.Stock[j]
		switch {
		case sk.Item == "":
			v.errorf(sp+".item", "required: the name of an item")
			v.unresolved = true
		case !slices.Contains(itemNames, sk.Item):
			v.errorf(sp+".item", "unknown item %q (%s)", sk.Item, suggest(sk.Item, itemNames, "items"))
			v.unresolved = true
		default:
			if first, ok := stocked[sk.Item]; ok {
				v.errorf(sp+".item", "item %q is already stocked at this site (stock[%d])", sk.Item, first)
				v.unresolved = true
			} else {
				stocked[sk.Item] = j
			}
		}
		src, srcOK := v.nodes[sk.Source]
		switch {
		case sk.Source == "":
			v.errorf(sp+".source", "required: the name of the supplier or site that replenishes it")
		case !srcOK:
			v.errorf(sp+".source", "unknown source %q (%s)", sk.Source, suggest(sk.Source, v.nodeNames, "suppliers and sites"))
		}
		v.lane(sp+".lane", &sk.Lane, sk.Source, src, srcOK)
		if sk.Backup != nil {
			v.backup(sp, sk)
		}
		if sk.Initial != nil && *sk.Initial < 0 {
			v.errorf(sp+".initial", "must be >= 0 units, got %d", *sk.Initial)
		}
		if sk.Initial != nil && *sk.Initial > maxUnits {
			v.errorf(sp+".initial", "must be <= %d units, got %d", int64(maxUnits), *sk.Initial)
		}
		v.delays(sp, sk)
		if sk.Policy.Type == "" {
			v.errorf(sp+".policy", "required: a replenishment policy, a mapping {type: ...} (one of: %s)", strings.Join(sortedKeys(policyParams), ", "))
		} else {
			v.policy(sp+".policy", &sk.Policy, leaves(sk.Demand))
		}
		names := map[string]int{}
		for k := range sk.Demand {
			v.demand(index(sp+".demand", k), &sk.Demand[k], k, names, st.Name, sk.Item)
		}
		if sk.Policy.Type == "dropship" {
			if sk.Initial != nil && *sk.Initial != 0 {
				v.errorf(sp+".initial", "must be 0 or left out for a drop-ship site-item: it holds no stock, its source ships each customer order, got %d", *sk.Initial)
			}
			for k := range sk.Demand {
				if sk.Demand[k].Stockout == "lost_sale" {
					v.errorf(fmt.Sprintf("%s.demand[%d].stockout", sp, k), "a drop-ship site-item's customers must wait (stockout: backorder): it holds no stock, its source ships each order to the customer, and what the source is short of becomes the customer's backorder")
				}
			}
		}
	}
	v.substitutes(p, st, stocked)
}

// lane checks the lane at path p from source (src, if srcOK).
func (v *validator) lane(p string, ln *Lane, source string, src node, srcOK bool) {
	switch {
	case ln.Transit.Type != "":
		v.duration(p+".transit", &ln.Transit, "")
	case srcOK && src.site:
		v.errorf(p+".transit", "required for a site source: %s from shipment at %s to receipt, a number or a distribution", v.days(), source)
	}
	if ln.Disruption != nil {
		v.disruption(p+".disruption", ln.Disruption, nil)
	}
	if ln.Expedite != nil {
		v.expedite(p+".expedite", ln.Expedite)
	}
	if !(ln.OrderDelay >= 0) || math.IsInf(ln.OrderDelay, 0) {
		v.errorf(p+".order_delay", "must be >= 0 %s, got %s", v.days(), num(ln.OrderDelay))
	}
	v.nonnegAt(p, ".unit_cost", ln.UnitCost)
	v.nonnegAt(p, ".shipment_cost", ln.ShipmentCost)
	switch {
	case ln.Shipment == "" && !v.givenAt(p, ".shipment", false):
		// whole, for a Scenario built in Go
	case !slices.Contains(shipments, ln.Shipment):
		v.oneOf(p+".shipment", "shipment", ln.Shipment, shipments)
	case ln.Shipment == "partial" && srcOK && !src.site:
		v.errorf(p+".shipment", "partial applies only to a site source; supplier %s ships every order whole", source)
	}
	switch {
	case ln.Priority != 0 && srcOK && !src.site:
		v.errorf(p+".priority", "applies only to a site source, which allocates its stock by priority; supplier %s has no stock to allocate", source)
	case ln.Priority > maxPriority || ln.Priority < -maxPriority:
		v.errorf(p+".priority", "must be between %d and %d, got %d", -maxPriority, maxPriority, ln.Priority)
	}
}

// backup checks the backup source of stock entry p.
func (v *validator) backup(p string, sk *Stock) {
	p += ".backup"
	b := sk.Backup
	src, srcOK := v.nodes[b.Source]
	switch {
	case b.Source == "":
		v.errorf(p+".source", "required: the name of the supplier or site that backs up %s", cmp.Or(sk.Source, "the source"))
		v.unresolved = true
	case !srcOK:
		v.errorf(p+".source", "unknown source %q (%s)", b.Source, suggest(b.Source, v.nodeNames, "suppliers and sites"))
		v.unresolved = true
	case b.Source == sk.Source:
		v.errorf(p+".source", "the backup must be another source than the primary %s", sk.Source)
	}
	v.lane(p+".lane", &b.Lane, b.Source, src, srcOK)
	if sk.Policy.Type == "dropship" {
		v.errorf(p, "a drop-ship site-item cannot have a backup: its source ships each customer order")
	}
	rule := b.Rule
	if rule == "" && !v.givenAt(p, ".rule", false) {
		rule = "switch"
	}
	v.oneOf(p+".rule", "rule", rule, rules)
	given := func(f string, nonzero bool) bool { return v.given(p+"."+f, nonzero) }
	switch rule {
	case "switch":
		if given("share", b.Share != 0) {
			v.errorf(p+".share", "applies only with rule: split; rule switch sends whole orders to the backup while the primary is down")
		}
		if given("max_lead_time", b.MaxLeadTime != 0) && (!(b.MaxLeadTime > 0) || math.IsInf(b.MaxLeadTime, 0)) {
			v.errorf(p+".max_lead_time", "must be > 0 %s, got %s", v.days(), num(b.MaxLeadTime))
		}
	case "split":
		if given("max_lead_time", b.MaxLeadTime != 0) {
			v.errorf(p+".max_lead_time", "applies only with rule: switch; rule split sends a fixed share to the backup")
		}
		switch {
		case !given("share", b.Share != 0):
			v.errorf(p+".share", "required with rule: split: the share of the units ordered from the backup, in (0, 1)")
		case !(b.Share > 0 && b.Share < 1):
			v.errorf(p+".share", "must be in (0, 1), strictly between 0 and 1, got %s", num(b.Share))
		}
	}
}

// maxPriority bounds priorities; any ranking needs only a few levels.
const maxPriority = 1000

// network checks the scenario's sources as a network: a site source must
// stock the item, sources must not form a cycle, every supplier must
// supply something, and every site-item must have customer demand or
// supply a site-item downstream. The last two are checked only when every
// name and reference resolved, lest a typo elsewhere cause them. It
// reports whether every reference resolved, so that the network can be
// built ([validator.compile]).
func (v *validator) network() (resolved bool) {
	s := v.s
	type key struct {
		site int
		item string
	}
	type ref struct{ site, stock int }
	var refs []ref
	index := map[key]int{} // (site, item) → index in refs
	known := map[string]bool{}
	for i := range s.Items {
		known[s.Items[i].Name] = true
	}
	for i := range s.Sites {
		if n, ok := v.nodes[s.Sites[i].Name]; !ok || n != (node{site: true, index: i}) {
			continue // a duplicate name: reported, and nothing can refer to it
		}
		for j := range s.Sites[i].Stock {
			k := key{i, s.Sites[i].Stock[j].Item}
			if _, dup := index[k]; dup || !known[k.item] {
				continue // reported by site
			}
			index[k] = len(refs)
			refs = append(refs, ref{i, j})
		}
	}
	stock := func(r ref) *Stock { return &s.Sites[r.site].Stock[r.stock] }
	path := func(r ref) string { return fmt.Sprintf("sites[%d].stock[%d]", r.site, r.stock) }

	up := make([]int, len(refs)) // index in refs of the source site-item, or -1
	bk := make([]int, len(refs)) // the same for the backup source
	used := make([]bool, len(s.Suppliers))
	// source resolves the source called name, at field (source or
	// backup.source) of site-item rf: the index in refs of the site-item
	// it names, or -1 for a supplier or a name that did not resolve.
	source := func(rf ref, field, name string) int {
		src, ok := v.nodes[name]
		switch {
		case !ok:
			v.unresolved = true
		case !src.site:
			used[src.index] = true
		default:
			item := stock(rf).Item
			if u, ok := index[key{src.index, item}]; ok {
				return u
			}
			v.errorf(path(rf)+"."+field, "site %s does not stock %s; a site source must hold the same item", name, item)
			v.unresolved = true
		}
		return -1
	}
	for r, rf := range refs {
		up[r], bk[r] = -1, -1
		sk := stock(rf)
		if b := sk.Backup; b != nil {
			if u := source(rf, "backup.source", b.Source); u >= 0 {
				if stock(refs[u]).Policy.Type == "dropship" {
					v.errorf(path(rf)+".backup.source", "%s/%s is drop-ship (policy dropship): it holds no stock, so it cannot back up %s", b.Source, sk.Item, s.Sites[rf.site].Name)
				} else {
					bk[r] = u
				}
			}
		}
		if u := source(rf, "source", sk.Source); u >= 0 {
			up[r] = u
			if up := stock(refs[u]); up.Policy.Type == "dropship" {
				v.errorf(path(rf)+".source", "%s/%s is drop-ship (policy dropship): it holds no stock, so it cannot supply %s; order from its source %s instead, or give %s/%s another policy",
					sk.Source, sk.Item, s.Sites[rf.site].Name, up.Source, sk.Source, sk.Item)
			}
		}
	}

	// Each site-item has at most one source, so following sources from
	// each one in file order finds every cycle exactly once.
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]int, len(refs))
	for start := range refs {
		var chain []int
		r := start
		for r >= 0 && state[r] == unseen {
			state[r] = onPath
			chain = append(chain, r)
			r = up[r]
		}
		if r >= 0 && state[r] == onPath {
			cycle := chain[slices.Index(chain, r):]
			first := slices.Index(cycle, slices.Min(cycle)) // report at the first in the file
			cycle = append(cycle[first:], cycle[:first]...)
			names := make([]string, 0, len(cycle)+1)
			for _, c := range cycle {
				names = append(names, s.Sites[refs[c].site].Name)
			}
			names = append(names, names[0])
			rf := refs[cycle[0]]
			v.errorf(path(rf)+".source", "cycle: %s (each orders %s from the next; the chain must end at a supplier)", strings.Join(names, " → "), stock(rf).Item)
			v.unresolved = true
		}
		for _, c := range chain {
			state[c] = done
		}
	}

	// A backup site source must not depend, through sources and backups,
	// on the site-item it backs up.
	if !v.unresolved {
		for r, rf := range refs {
			if bk[r] < 0 {
				continue
			}
			seen := make([]bool, len(refs))
			stack := []int{bk[r]}
			for len(stack) > 0 && !seen[r] {
				c := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if c < 0 || seen[c] {
					continue
				}
				seen[c] = true
				stack = append(stack, up[c], bk[c])
			}
			if seen[r] {
				v.errorf(path(rf)+".backup.source", "cycle: the backup %s orders %s, directly or through other sites, from %s itself; a backup must not depend on the site-item it backs up",
					stock(rf).Backup.Source, stock(rf).Item, s.Sites[rf.site].Name)
				v.unresolved = true
			}
		}
	}

	// The network needs every reference resolved, but not every value.
	derivable := !v.unresolved
	for p := range s.bad {
		if strings.HasPrefix(p, "suppliers") || strings.HasPrefix(p, "sites") {
			v.unresolved = true // a value that could not be decoded may hide a reference
		}
		if hidesReference.MatchString(p) {
			derivable = false
		}
	}
	if v.unresolved {
		return derivable
	}
	for i := range s.Suppliers {
		if !used[i] {
			v.errorf(fmt.Sprintf("suppliers[%d]", i), "supplier %s supplies nothing: no stock entry has source: %s", s.Suppliers[i].Name, s.Suppliers[i].Name)
		}
	}
	supplies := make([]bool, len(refs))
	for r, u := range up {
		if u >= 0 {
			supplies[u] = true
		}
		if bk[r] >= 0 {
			supplies[bk[r]] = true
		}
	}
	for _, rf := range refs { // a substitute's stock moves too
		for _, d := range stock(rf).Demand {
			if u, ok := index[key{rf.site, d.Substitute.Item}]; ok {
				supplies[u] = true
			}
		}
	}
	for r, rf := range refs {
		if sk := stock(rf); len(sk.Demand) == 0 && !supplies[r] {
			v.errorf(path(rf), "%s/%s has no customer demand and supplies no site: its stock would never move (add demand, or make it the source of a site-item)", s.Sites[rf.site].Name, sk.Item)
		}
	}
	return derivable
}

// hidesReference matches the paths of values that, when they cannot be
// decoded, may hide a name or a reference: the lists of suppliers, sites
// and stock entries, their elements, and their names, items and sources.
var hidesReference = regexp.MustCompile(`^(suppliers|sites)(\[\d+\](\.name|\.stock(\[\d+\](\.item|\.source|\.backup(\.source)?)?)?)?)?$`)

// delays checks what the order delay and the pipeline of stock entry p
// may be combined with.
func (v *validator) delays(p string, sk *Stock) {
	switch {
	case sk.Backup != nil && sk.Lane.OrderDelay != 0:
		v.errorf(p+".lane.order_delay", "is not supported with a backup source")
	case sk.Backup != nil && sk.Backup.Lane.OrderDelay != 0:
		v.errorf(p+".backup.lane.order_delay", "is not supported: a backup lane has no order delay")
	case sk.Policy.Type == "dropship" && sk.Lane.OrderDelay != 0:
		v.errorf(p+".lane.order_delay", "a drop-ship site-item passes customer orders on at once; it takes no order delay")
	}
	switch {
	case sk.Pipeline == 0:
	case sk.Pipeline < 0 || sk.Pipeline > maxUnits:
		v.errorf(p+".pipeline", "must be in [0, %d] units per review period, got %d", int64(maxUnits), sk.Pipeline)
	case sk.Backup != nil:
		v.errorf(p+".pipeline", "is not supported with a backup source")
	case !periodicPolicy(&sk.Policy):
		v.errorf(p+".pipeline", "needs a policy that reviews periodically (review: periodic with a review_period, or vmi or sterman): its slots are the review periods")
	}
}

// periodicPolicy reports whether pol reviews periodically.
func periodicPolicy(pol *Policy) bool {
	switch pol.Type {
	case "vmi", "sterman":
		return pol.ReviewPeriod > 0
	}
	return pol.Review == "periodic" && pol.ReviewPeriod > 0
}
