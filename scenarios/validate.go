package scenarios

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Validate checks the scenario and returns an [ErrorList] of every problem,
// or nil. It is safe to call again after changing fields, for example after
// the CLI overrides Horizon or Warmup; errors about a field point at its
// position in the file, or at the nearest enclosing value when the field
// was not in the file.
func (s *Scenario) Validate() error {
	v := &validator{s: s}
	v.scenario()
	s.overrides.attribute(v.errs)
	v.errs.sort()
	return v.errs.Err()
}

// validator collects the errors of one validation pass.
type validator struct {
	s    *Scenario
	errs ErrorList
	// nodes maps the name of every supplier and site to it; nodeNames
	// lists the names, sorted.
	nodes     map[string]node
	nodeNames []string
	// unresolved is set when some name or reference could not be resolved,
	// so that checks of the network as a whole would only add noise.
	unresolved bool
	// reported holds the demand history files whose errors are reported.
	reported map[string]bool
	// volumeSum adds up the expected customer demand over the horizon, in
	// units, of the streams checked so far (see [validator.volume]).
	volumeSum      float64
	volumeReported bool // some stream alone exceeds the bound
}

// errorf records an error about the field at path, unless the decoder
// already reported its value (or an enclosing one) as malformed.
func (v *validator) errorf(path, format string, args ...any) {
	for p := path; ; p = parent(p) {
		if v.s.bad[p] {
			return
		}
		if p == "" {
			break
		}
	}
	e := &Error{File: v.s.File, Field: path, Msg: fmt.Sprintf(format, args...)}
	for p := path; v.s.pos != nil; p = parent(p) {
		if at, ok := v.s.pos[p]; ok {
			e.Line, e.Col = at.line, at.col
			break
		}
		if p == "" {
			e.Line, e.Col = 1, 1
			break
		}
	}
	v.errs = append(v.errs, e)
}

// given reports whether the field at path was written in the file; for a
// Scenario built in Go, whether its value is not zero.
func (v *validator) given(path string, nonzero bool) bool {
	if v.s.pos == nil {
		return nonzero
	}
	_, ok := v.s.pos[path]
	return ok
}

// nonneg checks x >= 0.
func (v *validator) nonneg(path string, x float64) {
	if !(x >= 0) {
		v.errorf(path, "must be >= 0, got %s", num(x))
	}
}

// positive checks x > 0.
func (v *validator) positive(path string, x float64) {
	if !(x > 0) || math.IsInf(x, 0) {
		v.errorf(path, "must be > 0, got %s", num(x))
	}
}

// num formats a number for messages without a trailing ".0" or exponent
// for ordinary values.
func num(x float64) string { return fmt.Sprint(x) }

// oneOf checks that x is one of the allowed words.
func (v *validator) oneOf(path, what, x string, allowed []string) {
	if slices.Contains(allowed, x) {
		return
	}
	v.errorf(path, "unknown %s %q (%s)", what, x, suggestOrList(x, allowed))
}

// suggestOrList gives did-you-mean and the supported values.
func suggestOrList(x string, allowed []string) string {
	if c := closest(x, allowed); len(c) > 0 {
		return "did you mean " + strings.Join(c, " or ") + "? supported: " + strings.Join(allowed, ", ")
	}
	return "supported: " + strings.Join(allowed, ", ")
}

// name checks a name that other parts of the scenario, or random-stream
// keys, refer to.
func (v *validator) name(path, x string) {
	switch {
	case x == "":
		v.errorf(path, "required, a non-empty name")
	case strings.TrimSpace(x) != x:
		v.errorf(path, "must not begin or end with spaces, got %q", x)
	case strings.ContainsAny(x, "/"):
		v.errorf(path, "must not contain '/', got %q (names key random streams as site/item/demand)", x)
	case strings.ContainsFunc(x, unicode.IsControl):
		v.errorf(path, "must not contain control characters, got %q", x)
	}
}

// reservedName matches the site and item names that output and scopes
// use for themselves: the roll-up rows "total", "customers" and
// "echelon-N".
var reservedName = regexp.MustCompile(`(?i)^(total|customers|echelon-\d+)$`)

// rollUpName checks that a site or item name cannot be mistaken for a
// roll-up row or a scope (SITE/ITEM, echelon-N, customers), after the
// checks of [validator.name] passed.
func (v *validator) rollUpName(path, what, x string) {
	switch {
	case reservedName.MatchString(x):
		v.errorf(path, "%q is reserved: output names its roll-up rows total, customers and echelon-1, echelon-2, ...; give the %s another name", x, what)
	case strings.ContainsRune(x, ':'):
		v.errorf(path, "must not contain ':', got %q (':' is kept for the command line's syntax, such as LO:HI ranges and scopes)", x)
	}
}

func (v *validator) scenario() {
	s := v.s
	if s.Replications < 1 {
		v.errorf("replications", "must be >= 1, got %d", s.Replications)
	}
	switch {
	case s.Horizon == 0 && !v.given("horizon", false):
		v.errorf("horizon", "required: the simulated days of one replication, > 0")
	case !(s.Horizon > 0) || math.IsInf(s.Horizon, 0):
		v.errorf("horizon", "must be > 0 days, got %s", num(s.Horizon))
	}
	switch {
	case !(s.Warmup >= 0) || math.IsInf(s.Warmup, 0):
		v.errorf("warmup", "must be >= 0 days, got %s", num(s.Warmup))
	case s.Horizon > 0 && s.Warmup >= s.Horizon:
		v.errorf("warmup", "must be < horizon (%s days), got %s", num(s.Horizon), num(s.Warmup))
	}

	if len(s.Items) == 0 {
		v.errorf("items", "at least one item is required")
	}
	if len(s.Suppliers) == 0 {
		v.errorf("suppliers", "at least one supplier is required")
	}
	if len(s.Sites) == 0 {
		v.errorf("sites", "at least one site is required")
	}

	items := map[string]int{}
	for i := range s.Items {
		v.item(fmt.Sprintf("items[%d]", i), &s.Items[i], items, i)
	}
	// Suppliers and sites share one namespace, so that a source can name
	// either without ambiguity.
	v.nodes = map[string]node{}
	owners := map[string]string{}
	for i := range s.Suppliers {
		p := fmt.Sprintf("suppliers[%d]", i)
		sp := &s.Suppliers[i]
		v.node(p+".name", sp.Name, owners, p, node{index: i})
		if sp.LeadTime.Type == "" {
			v.errorf(p+".lead_time", "required: days from order to receipt, a number or a distribution")
		} else {
			v.duration(p+".lead_time", &sp.LeadTime, "")
		}
		switch c := sp.Capacity; {
		case c < 0:
			v.errorf(p+".capacity", "must be >= 0 units per day (0 means unlimited), got %s", num(c))
		case c > 0 && c < minCapacity:
			v.errorf(p+".capacity", "must be 0 (unlimited) or at least %g units per day, got %s", minCapacity, num(c))
		}
		if sp.Disruption != nil {
			v.disruption(p+".disruption", sp.Disruption, sp)
		}
	}
	for i := range s.Sites {
		p := fmt.Sprintf("sites[%d]", i)
		v.node(p+".name", s.Sites[i].Name, owners, p, node{site: true, index: i})
		v.rollUpName(p+".name", "site", s.Sites[i].Name)
	}
	v.nodeNames = make([]string, 0, len(v.nodes))
	for name := range v.nodes {
		v.nodeNames = append(v.nodeNames, name)
	}
	slices.Sort(v.nodeNames)
	for i := range s.Sites {
		v.site(fmt.Sprintf("sites[%d]", i), &s.Sites[i])
	}
	if v.volumeSum > maxDemandUnits && !v.volumeReported {
		v.errorf("horizon", "the expected customer demand over the horizon, summed over every demand stream, is up to %.4g units, more than the %.4g (2^50) a run can count exactly; shorten the horizon or lower the demand (see Limits in docs/scenario-format.md)", v.volumeSum, float64(maxDemandUnits))
	}
	v.streams()
	v.network()
	v.variants()
}

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
	v.nonneg(p+".unit_cost", it.UnitCost)
	v.nonneg(p+".price", it.Price)
	v.nonneg(p+".holding_cost", it.HoldingCost)
	v.nonneg(p+".holding_rate", it.HoldingRate)
	v.nonneg(p+".backorder_cost", it.BackorderCost)
	v.nonneg(p+".lost_sale_cost", it.LostSaleCost)
	v.nonneg(p+".order_cost", it.OrderCost)
	v.nonneg(p+".cancel_cost", it.CancelCost)
	if v.given(p+".holding_cost", it.HoldingCost != 0) && v.given(p+".holding_rate", it.HoldingRate != 0) {
		v.errorf(p+".holding_rate", "give holding_cost (per unit per day) or holding_rate (per year, of unit_cost), not both")
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
		sp := fmt.Sprintf("%s.stock[%d]", p, j)
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
		if sk.Policy.Type == "" {
			v.errorf(sp+".policy", "required: a replenishment policy, a mapping {type: ...} (one of: %s)", strings.Join(sortedKeys(policyParams), ", "))
		} else {
			v.policy(sp+".policy", &sk.Policy, leaves(sk.Demand))
		}
		names := map[string]int{}
		for k := range sk.Demand {
			v.demand(fmt.Sprintf("%s.demand[%d]", sp, k), &sk.Demand[k], k, names, st.Name, sk.Item)
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
		v.errorf(p+".transit", "required for a site source: days from shipment at %s to receipt, a number or a distribution", source)
	}
	if ln.Disruption != nil {
		v.disruption(p+".disruption", ln.Disruption, nil)
	}
	if ln.Expedite != nil {
		v.expedite(p+".expedite", ln.Expedite)
	}
	v.nonneg(p+".unit_cost", ln.UnitCost)
	v.nonneg(p+".shipment_cost", ln.ShipmentCost)
	switch {
	case ln.Shipment == "" && !v.given(p+".shipment", false):
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

// disruption checks the disruption at path p of supplier sp, or of a lane
// when sp is nil.
func (v *validator) disruption(p string, d *Disruption, sp *Supplier) {
	scheduled := len(d.Outages) > 0 || v.given(p+".outages", false)
	up, down := d.Uptime.Type != "" || v.s.bad[p+".uptime"], d.Downtime.Type != "" || v.s.bad[p+".downtime"]
	switch {
	case scheduled && (up || down):
		at := p + ".uptime"
		if !up {
			at = p + ".downtime"
		}
		v.errorf(at, "give outages (scheduled) or uptime and downtime (random), not both")
	case !scheduled && !up && !down:
		v.errorf(p, "needs outages: a list of {start, duration} (scheduled), or uptime and downtime (random: days between failures and days to repair)")
	case scheduled:
		if len(d.Outages) == 0 {
			v.errorf(p+".outages", "at least one outage {start, duration} is required")
		}
		end := 0.0
		for i, o := range d.Outages {
			op := fmt.Sprintf("%s.outages[%d]", p, i)
			okStart := true
			switch {
			case !v.given(op+".start", o.Start != 0):
				v.errorf(op+".start", "required: the day the outage starts, >= 0")
				okStart = false
			case !(o.Start >= 0) || math.IsInf(o.Start, 0):
				v.errorf(op+".start", "must be >= 0 days, got %s", num(o.Start))
				okStart = false
			case i > 0 && o.Start < end:
				v.errorf(op+".start", "must be >= %s, the end of outages[%d]: outages must be in order and not overlap, got %s", num(end), i-1, num(o.Start))
			}
			switch {
			case !v.given(op+".duration", o.Duration != 0):
				v.errorf(op+".duration", "required: the outage's length in days, > 0")
			case !(o.Duration > 0) || math.IsInf(o.Duration, 0):
				v.errorf(op+".duration", "must be > 0 days, got %s", num(o.Duration))
			case okStart:
				end = max(end, o.Start+o.Duration)
			}
		}
	default:
		for _, f := range []struct {
			name, other, what string
			d                 *Dist
			given             bool
		}{{"uptime", "downtime", "the days between failures", &d.Uptime, up}, {"downtime", "uptime", "the days to repair", &d.Downtime, down}} {
			if !f.given {
				v.errorf(p+"."+f.name, "required with %s: %s, a number or a distribution with a mean > 0", f.other, f.what)
				continue
			}
			if v.s.bad[p+"."+f.name] {
				continue
			}
			v.duration(p+"."+f.name, f.d, f.what)
		}
	}
	switch c := d.Capacity; {
	case c == 0:
	case sp == nil:
		v.errorf(p+".capacity", "applies only to a supplier's disruption; a lane in an outage ships nothing")
	case !(c > 0 && c < 1):
		v.errorf(p+".capacity", "must be in [0, 1), the share of the supplier's capacity left during an outage (0 stops it), got %s", num(c))
	case sp.Capacity == 0:
		v.errorf(p+".capacity", "needs the supplier's capacity (units per day) to reduce; supplier %s has unlimited capacity, so an outage can only stop it (capacity 0)", sp.Name)
	}
	if v.given(p+".recovery_window", d.RecoveryWindow != 0) && (!(d.RecoveryWindow > 0) || math.IsInf(d.RecoveryWindow, 0)) {
		v.errorf(p+".recovery_window", "must be > 0 days, got %s", num(d.RecoveryWindow))
	}
}

// expedite checks a lane's expedite mode at path p.
func (v *validator) expedite(p string, e *Expedite) {
	if e.Transit.Type == "" {
		v.errorf(p+".transit", "required: the expedited transit time in days, a number or a distribution")
	} else {
		v.duration(p+".transit", &e.Transit, "")
	}
	v.nonneg(p+".unit_cost", e.UnitCost)
	v.nonneg(p+".shipment_cost", e.ShipmentCost)
	switch {
	case !v.given(p+".backorders", e.Backorders != 0):
		v.errorf(p+".backorders", "required: expedite a shipment when the site-item has at least this many units backordered, >= 0")
	case e.Backorders < 0:
		v.errorf(p+".backorders", "must be >= 0 units, got %d", e.Backorders)
	case e.Backorders > maxUnits:
		v.errorf(p+".backorders", "must be <= %d units, got %d", int64(maxUnits), e.Backorders)
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
	if rule == "" && !v.given(p+".rule", false) {
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
			v.errorf(p+".max_lead_time", "must be > 0 days, got %s", num(b.MaxLeadTime))
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
// name and reference resolved, lest a typo elsewhere cause them.
func (v *validator) network() {
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
	for r, rf := range refs {
		up[r], bk[r] = -1, -1
		sk := stock(rf)
		if b := sk.Backup; b != nil {
			switch src, ok := v.nodes[b.Source]; {
			case !ok:
				v.unresolved = true
			case !src.site:
				used[src.index] = true
			default:
				u, ok := index[key{src.index, sk.Item}]
				switch {
				case !ok:
					v.errorf(path(rf)+".backup.source", "site %s does not stock %s; a site source must hold the same item", b.Source, sk.Item)
					v.unresolved = true
				case stock(refs[u]).Policy.Type == "dropship":
					v.errorf(path(rf)+".backup.source", "%s/%s is drop-ship (policy dropship): it holds no stock, so it cannot back up %s", b.Source, sk.Item, s.Sites[rf.site].Name)
				default:
					bk[r] = u
				}
			}
		}
		src, ok := v.nodes[sk.Source]
		switch {
		case !ok:
			v.unresolved = true
		case !src.site:
			used[src.index] = true
		default:
			u, ok := index[key{src.index, sk.Item}]
			if !ok {
				v.errorf(path(rf)+".source", "site %s does not stock %s; a site source must hold the same item", sk.Source, sk.Item)
				v.unresolved = true
				continue
			}
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

	// Derived policies need every reference resolved, but not every value.
	derivable := !v.unresolved
	for p := range s.bad {
		if strings.HasPrefix(p, "suppliers") || strings.HasPrefix(p, "sites") {
			v.unresolved = true // a value that could not be decoded may hide a reference
		}
		if hidesReference.MatchString(p) {
			derivable = false
		}
	}
	if derivable {
		defer v.derive() // after the checks below, so that derive sees their errors
	}
	if v.unresolved {
		return
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
}

// hidesReference matches the paths of values that, when they cannot be
// decoded, may hide a name or a reference: the lists of suppliers, sites
// and stock entries, their elements, and their names, items and sources.
var hidesReference = regexp.MustCompile(`^(suppliers|sites)(\[\d+\](\.name|\.stock(\[\d+\](\.item|\.source|\.backup(\.source)?)?)?)?)?$`)

// streams checks the demand streams' random-stream keys across the
// scenario: streams sharing a key draw the same random numbers, so they
// must describe the same demand, at different site-items.
func (v *validator) streams() {
	type first struct {
		path       string
		site, item int
		d          *Demand
	}
	seen := map[string]first{}
	for i := range v.s.Sites {
		for j := range v.s.Sites[i].Stock {
			for k := range v.s.Sites[i].Stock[j].Demand {
				d := &v.s.Sites[i].Stock[j].Demand[k]
				p := fmt.Sprintf("sites[%d].stock[%d].demand[%d]", i, j, k)
				if d.Stream == "" {
					continue
				}
				f, ok := seen[d.Stream]
				switch {
				case !ok:
					seen[d.Stream] = first{p, i, j, d}
				case f.site == i && f.item == j:
					v.errorf(p+".stream", "stream key %q is already used by %s at this site-item: the two streams would draw the same orders, so every customer order would come twice", d.Stream, f.path[strings.LastIndex(f.path, ".")+1:])
				case !sameDemand(f.d, d):
					v.errorf(p+".stream", "stream key %q is shared with %s, which describes other demand: streams sharing a key draw the same random numbers and must have the same rate, arrivals and size, or the same daily (only name and stockout may differ)", d.Stream, f.path)
				case !reflect.DeepEqual(f.d.Profile, d.Profile):
					v.errorf(p+".stream", "stream key %q is shared with %s, which has another profile: streams sharing a key draw the same random numbers and must have the same profile", d.Stream, f.path)
				}
			}
		}
	}
}

// sameDemand reports whether two streams describe the same demand.
func sameDemand(a, b *Demand) bool {
	arr := func(d *Demand) string { return cmp.Or(d.Arrivals, "poisson") }
	if a.Rate != b.Rate || !reflect.DeepEqual(a.History, b.History) {
		return false
	}
	if a.Rate != 0 {
		return arr(a) == arr(b) && reflect.DeepEqual(a.Size, b.Size)
	}
	return reflect.DeepEqual(a.Daily, b.Daily)
}

// leaves returns why some customers of the demand streams ds do not wait
// for every unit they are short of, "" if all of them do: stockout
// backorder with accept_backorder 1 (the default), no patience, no
// balk_wait and no substitute. Orders from the sites a site-item supplies
// always wait.
func leaves(ds []Demand) string {
	for k := range ds {
		d := &ds[k]
		name := cmp.Or(d.Name, fmt.Sprintf("d%d", k))
		switch {
		case d.Stockout == "lost_sale":
			return fmt.Sprintf("demand[%d] (%s) has stockout: lost_sale", k, name)
		case d.AcceptBackorder != nil && *d.AcceptBackorder < 1:
			return fmt.Sprintf("demand[%d] (%s) has accept_backorder: %s", k, name, num(*d.AcceptBackorder))
		case d.Patience.Type != "":
			return fmt.Sprintf("demand[%d] (%s) has a patience, after which customers cancel", k, name)
		case d.BalkWait != nil:
			return fmt.Sprintf("demand[%d] (%s) has balk_wait", k, name)
		case d.Substitute.Item != "" && d.Substitute.Share > 0:
			return fmt.Sprintf("demand[%d] (%s) has a substitute", k, name)
		}
	}
	return ""
}

// reorderPoint checks the reorder point r of an rq or sS policy. A
// negative r orders only once more than -r units are backordered, which
// is sound (and can be cheapest) when every customer waits; if some leave
// (leaving says why), their short units never become backorders that
// last, so the site-item might never order again.
func (v *validator) reorderPoint(p string, r int64, leaving string) bool {
	switch {
	case r >= 0:
		return true
	case r < -maxUnits:
		v.errorf(p+".reorder_point", "must be >= %d units, got %d", int64(-maxUnits), r)
	case leaving != "":
		v.errorf(p+".reorder_point", "must be >= 0 here, got %d: a negative reorder point orders only once backorders reach %d, "+
			"which needs every customer to wait for what they are short of, but %s", r, -r, leaving)
	default:
		return true
	}
	return false
}

// policy checks the policy at path p; leaving says why some customers of
// its site-item do not wait (see [leaves]), "" if all wait.
func (v *validator) policy(p string, pol *Policy, leaving string) {
	for _, f := range []struct {
		name string
		x    int64
	}{{"reorder_point", pol.ReorderPoint}, {"order_quantity", pol.OrderQuantity}, {"order_up_to", pol.OrderUpTo},
		{"buffer", pol.Buffer}, {"safety_stock", pol.SafetyStock}, {"min", pol.Min}, {"max", pol.Max}} {
		if f.x > maxUnits {
			v.errorf(p+"."+f.name, "must be <= %d units, got %d", int64(maxUnits), f.x)
		}
	}
	need := func(field string, nonzero bool) bool {
		if !v.given(p+"."+field, nonzero) {
			v.errorf(p+"."+field, "required by policy type %s", pol.Type)
			return false
		}
		return true
	}
	switch pol.Type {
	case "rq":
		if need("reorder_point", pol.ReorderPoint != 0) {
			v.reorderPoint(p, pol.ReorderPoint, leaving)
		}
		if need("order_quantity", pol.OrderQuantity != 0) && pol.OrderQuantity < 1 {
			v.errorf(p+".order_quantity", "must be >= 1, got %d", pol.OrderQuantity)
		}
	case "sS":
		okS := need("reorder_point", pol.ReorderPoint != 0) && v.reorderPoint(p, pol.ReorderPoint, leaving)
		if need("order_up_to", pol.OrderUpTo != 0) && okS && pol.OrderUpTo <= pol.ReorderPoint {
			v.errorf(p+".order_up_to", "must be > reorder_point (%d), got %d", pol.ReorderPoint, pol.OrderUpTo)
		}
		v.review(p, pol)
	case "base_stock":
		if need("order_up_to", pol.OrderUpTo != 0) && pol.OrderUpTo < 0 {
			v.errorf(p+".order_up_to", "must be >= 0, got %d", pol.OrderUpTo)
		}
		v.review(p, pol)
	case "jit":
		if pol.Buffer < 0 {
			v.errorf(p+".buffer", "must be >= 0 units, got %d", pol.Buffer)
		}
	case "eoq":
		if pol.SafetyStock < 0 {
			v.errorf(p+".safety_stock", "must be >= 0 units, got %d", pol.SafetyStock)
		}
		v.levels(p, pol)
	case "safety_stock":
		v.safetyStock(p, pol)
		v.levels(p, pol)
	case "vmi":
		v.vmi(p, pol)
	case "dropship":
		v.nonneg(p+".fee", pol.Fee)
	case "forecast":
		v.forecast(p, pol)
	default:
		v.errorf(p+".type", "unknown policy type %q (%s)", pol.Type, suggestOrList(pol.Type, sortedKeys(policyParams)))
	}
}

// safetyStock checks a safety_stock policy's own parameters; the levels
// are derived later, from the network.
func (v *validator) safetyStock(p string, pol *Policy) {
	switch v.either(p, "cycle_service_level", pol.CycleServiceLevel != 0, "fill_rate", pol.FillRate != 0,
		"give cycle_service_level or fill_rate, not both: the safety stock is set for one target",
		"needs a service target: cycle_service_level (the probability of no stockout in a replenishment cycle) or fill_rate (the share of units shipped at once from stock), in (0, 1)") {
	case 1:
		v.level(p+".cycle_service_level", pol.CycleServiceLevel)
	case 2:
		v.level(p+".fill_rate", pol.FillRate)
	}
	v.orderQuantity(p, pol, "derived level S")
}

// levels checks what the derived level of an eoq or safety_stock policy
// follows.
func (v *validator) levels(p string, pol *Policy) {
	if pol.Levels != "" || v.given(p+".levels", false) {
		v.oneOf(p+".levels", "levels", pol.Levels, levelModes)
	}
}

// either checks that exactly one of the fields a and b of p is given
// (given when written in the file; for a Scenario built in Go, when aSet
// or bSet): it reports both when both are, neither when none is, and
// returns 1 or 2 for the one given, 0 otherwise.
func (v *validator) either(p, a string, aSet bool, b string, bSet bool, both, neither string) int {
	ga, gb := v.given(p+"."+a, aSet), v.given(p+"."+b, bSet)
	switch {
	case ga && gb:
		v.errorf(p+"."+b, "%s", both)
	case !ga && !gb:
		v.errorf(p, "%s", neither)
	case ga:
		return 1
	default:
		return 2
	}
	return 0
}

// orderQuantity checks the review of a policy of type pol.Type that orders
// a fixed quantity under continuous review and up to its level S (named
// level) under periodic review.
func (v *validator) orderQuantity(p string, pol *Policy, level string) {
	v.review(p, pol)
	switch pol.Review {
	case "", "continuous":
		if !v.given(p+".order_quantity", pol.OrderQuantity != 0) {
			v.errorf(p+".order_quantity", "required by %s with review: continuous: the units per order, >= 1 (or use review: periodic)", pol.Type)
		} else if pol.OrderQuantity < 1 {
			v.errorf(p+".order_quantity", "must be >= 1, got %d", pol.OrderQuantity)
		}
	case "periodic":
		if v.given(p+".order_quantity", pol.OrderQuantity != 0) {
			v.errorf(p+".order_quantity", "applies only with review: continuous; under periodic review each order brings the position up to the %s", level)
		}
	}
}

// maxWindow bounds a moving-average window, in days: ten years.
const maxWindow = 3650

// forecast checks a forecast policy's own parameters; its initial levels
// are derived later, from the network.
func (v *validator) forecast(p string, pol *Policy) {
	switch v.either(p, "alpha", pol.Alpha != 0, "window", pol.Window != 0,
		"give alpha (exponential smoothing) or window (moving average), not both",
		"needs a forecast method: alpha (exponential smoothing, in (0, 1]) or window (a moving average over that many days)") {
	case 1:
		if !(pol.Alpha > 0 && pol.Alpha <= 1) {
			v.errorf(p+".alpha", "must be in (0, 1], got %s", num(pol.Alpha))
		}
	case 2:
		if pol.Window < 1 || pol.Window > maxWindow {
			v.errorf(p+".window", "must be from 1 to %d days, got %d", maxWindow, pol.Window)
		}
	}
	if !v.given(p+".cycle_service_level", pol.CycleServiceLevel != 0) {
		v.errorf(p+".cycle_service_level", "required by policy type forecast: the target probability of no stockout in a replenishment cycle, in (0, 1)")
	} else {
		v.level(p+".cycle_service_level", pol.CycleServiceLevel)
	}
	if f := pol.InitialForecast; f != nil {
		v.nonneg(p+".initial_forecast", *f)
	}
	if sd := pol.InitialSD; sd != nil {
		v.nonneg(p+".initial_sd", *sd)
	}
	v.orderQuantity(p, pol, "forecast level S")
}

// level checks a service target.
func (v *validator) level(path string, x float64) {
	if !(x > 0 && x < 1) {
		v.errorf(path, "must be in (0, 1), strictly between 0 and 1, got %s", num(x))
	}
}

// vmi checks a vmi policy's own parameters: one pair of limits, in units
// or in days of cover, and the review period.
func (v *validator) vmi(p string, pol *Policy) {
	given := func(f string, nonzero bool) bool { return v.given(p+"."+f, nonzero) }
	units := given("min", pol.Min != 0) || given("max", pol.Max != 0)
	days := given("min_days", pol.MinDays != 0) || given("max_days", pol.MaxDays != 0)
	const pairs = "min and max (units) or min_days and max_days (days of cover)"
	switch {
	case units && days:
		at := p + ".min_days"
		if !given("min_days", pol.MinDays != 0) {
			at = p + ".max_days"
		}
		v.errorf(at, "give %s, not both", pairs)
	case !units && !days:
		v.errorf(p, "needs limits: %s", pairs)
	case units:
		okMin := true
		if !given("min", pol.Min != 0) {
			v.errorf(p+".min", "required with max: the inventory position, in units, at or below which the source ships")
			okMin = false
		} else if pol.Min < 0 {
			v.errorf(p+".min", "must be >= 0 units, got %d", pol.Min)
			okMin = false
		}
		if !given("max", pol.Max != 0) {
			v.errorf(p+".max", "required with min: the inventory position, in units, the source ships up to")
		} else if okMin && pol.Max <= pol.Min {
			v.errorf(p+".max", "must be > min (%d), got %d", pol.Min, pol.Max)
		}
	default:
		okMin := true
		if !given("min_days", pol.MinDays != 0) {
			v.errorf(p+".min_days", "required with max_days: the days of cover at or below which the source ships")
			okMin = false
		} else if !(pol.MinDays >= 0) {
			v.errorf(p+".min_days", "must be >= 0 days, got %s", num(pol.MinDays))
			okMin = false
		}
		if !given("max_days", pol.MaxDays != 0) {
			v.errorf(p+".max_days", "required with min_days: the days of cover the source ships up to")
		} else if okMin && !(pol.MaxDays > pol.MinDays) {
			v.errorf(p+".max_days", "must be > min_days (%s), got %s", num(pol.MinDays), num(pol.MaxDays))
		}
	}
	switch {
	case !v.given(p+".review_period", pol.ReviewPeriod != 0):
		v.errorf(p+".review_period", "required by policy type vmi: the days between the source's reviews of the site, > 0")
	default:
		v.period(p+".review_period", pol.ReviewPeriod)
	}
}

func (v *validator) review(p string, pol *Policy) {
	switch pol.Review {
	case "", "continuous":
		if v.given(p+".review_period", pol.ReviewPeriod != 0) {
			v.errorf(p+".review_period", "applies only with review: periodic (review is continuous)")
		}
	case "periodic":
		switch {
		case !v.given(p+".review_period", pol.ReviewPeriod != 0):
			v.errorf(p+".review_period", "required with review: periodic: the days between reviews, > 0")
		default:
			v.period(p+".review_period", pol.ReviewPeriod)
		}
	default:
		v.oneOf(p+".review", "review", pol.Review, reviews)
	}
}

func (v *validator) demand(p string, dm *Demand, k int, names map[string]int, site, item string) {
	name := dm.Name
	if name == "" && !v.given(p+".name", false) {
		name = fmt.Sprintf("d%d", k)
	} else {
		v.name(p+".name", dm.Name)
	}
	if first, ok := names[name]; ok {
		v.errorf(p+".name", "duplicate demand name %q at this site-item (also demand[%d])", name, first)
	} else {
		names[name] = k
	}
	dm.history = nil
	hasRate := v.given(p+".rate", dm.Rate != 0)
	hasDaily := dm.Daily.Type != "" || v.s.bad[p+".daily"]
	hasHistory := dm.History != nil || v.s.bad[p+".history"]
	switch {
	case hasHistory && (hasRate || hasDaily):
		v.errorf(p+".history", "give rate (Poisson orders per day), daily (units per day) or history (past demand), only one")
	case hasRate && hasDaily:
		v.errorf(p+".daily", "give rate (Poisson orders per day) or daily (units per day), not both")
	case !hasRate && !hasDaily && !hasHistory:
		v.errorf(p, "needs rate (Poisson customer orders per day), daily (a distribution of units per day) or history (a CSV file of past demand)")
	case hasHistory:
		for _, f := range []string{"size", "arrivals", "profile"} {
			if v.given(p+"."+f, false) {
				v.errorf(p+"."+f, "does not apply with history: the file gives every order's day and quantity")
			}
		}
		if dm.History != nil {
			dm.history = v.history(p+".history", dm.History, site, item)
		}
	case hasRate:
		v.positive(p+".rate", dm.Rate)
		if dm.Size.Type == "" {
			v.errorf(p+".size", "required: units per order, a number or a distribution")
		} else if v.quantity(p+".size", &dm.Size) && dm.Rate > 0 && !math.IsInf(dm.Rate, 0) {
			v.volume(p+".rate", dm.Rate*v.mean(&dm.Size), dm.Profile)
		}
		if dm.Arrivals != "" || v.given(p+".arrivals", false) {
			v.oneOf(p+".arrivals", "arrivals", dm.Arrivals, arrivals)
		}
	default:
		if v.given(p+".size", false) {
			v.errorf(p+".size", "applies only with rate; daily already gives units per day")
		}
		if v.given(p+".arrivals", dm.Arrivals != "" && dm.Arrivals != "poisson") {
			v.errorf(p+".arrivals", "applies only with rate (orders arriving at rate a day); daily demand is one order in the middle of each day")
		}
		if v.quantity(p+".daily", &dm.Daily) {
			v.volume(p+".daily", v.mean(&dm.Daily), dm.Profile)
		}
	}
	v.oneOf(p+".stockout", "stockout", dm.Stockout, stockouts)
	if dm.Priority > maxPriority || dm.Priority < -maxPriority {
		v.errorf(p+".priority", "must be between %d and %d, got %d", -maxPriority, maxPriority, dm.Priority)
	}
	if v.given(p+".stream", dm.Stream != "") {
		v.streamKey(p+".stream", dm.Stream)
	}
	if dm.Profile != nil && !hasHistory {
		v.profile(p+".profile", dm.Profile)
	}
	v.customers(p, dm)
}

// customers checks how the customers of demand stream p behave when
// short of stock; the substitute's item is checked by substitutes, which
// knows the site.
func (v *validator) customers(p string, dm *Demand) {
	waits := dm.Stockout != "lost_sale"
	only := func(field string) {
		if !waits {
			v.errorf(p+"."+field, "applies only to customers who wait (stockout: backorder); with stockout: lost_sale no customer is ever backordered")
		}
	}
	if a := dm.AcceptBackorder; a != nil {
		only("accept_backorder")
		if !(*a >= 0 && *a <= 1) {
			v.errorf(p+".accept_backorder", "must be a share between 0 and 1, got %s", num(*a))
		}
	}
	if dm.Patience.Type != "" || v.s.bad[p+".patience"] {
		only("patience")
		v.dist(p+".patience", &dm.Patience)
	}
	if b := dm.BalkWait; b != nil {
		only("balk_wait")
		v.nonneg(p+".balk_wait", *b)
	}
	if dm.Shipment != "" || v.given(p+".shipment", false) {
		v.oneOf(p+".shipment", "shipment", dm.Shipment, orderShipments)
	}
	sb := &dm.Substitute
	if sb.Item == "" {
		if v.given(p+".substitute", false) {
			v.errorf(p+".substitute.item", "required: the item offered in place of this one, stocked at the same site")
		}
		return
	}
	if !(sb.Share >= 0 && sb.Share <= 1) {
		v.errorf(p+".substitute.share", "must be a share between 0 and 1, got %s", num(sb.Share))
	}
	if !(sb.Discount >= 0 && sb.Discount < 1) {
		v.errorf(p+".substitute.discount", "must be a share >= 0 and < 1 of the substitute's price, got %s", num(sb.Discount))
	}
}

// substitutes checks the customer behaviour of the demand streams of site
// p against its stock: a substitute is another item stocked at the site,
// not drop-ship; a drop-ship site-item's customers behave the classic way.
func (v *validator) substitutes(p string, st *Site, stocked map[string]int) {
	for j := range st.Stock {
		sk := &st.Stock[j]
		for k := range sk.Demand {
			dp := fmt.Sprintf("%s.stock[%d].demand[%d]", p, j, k)
			dm := &sk.Demand[k]
			if sk.Policy.Type == "dropship" {
				for _, f := range []struct {
					name string
					set  bool
				}{
					{"accept_backorder", dm.AcceptBackorder != nil},
					{"patience", dm.Patience.Type != ""},
					{"balk_wait", dm.BalkWait != nil},
					{"shipment", dm.Shipment == "complete"},
					{"promise_dates", dm.PromiseDates},
					{"substitute", dm.Substitute.Item != ""},
				} {
					if f.set {
						v.errorf(dp+"."+f.name, "does not apply at a drop-ship site-item: its source ships every order to the customer, who waits for it")
					}
				}
				continue
			}
			item := dm.Substitute.Item
			if item == "" {
				continue
			}
			i, ok := stocked[item]
			switch {
			case item == sk.Item:
				v.errorf(dp+".substitute.item", "is the item itself; name another item stocked at %s", st.Name)
			case !ok:
				v.errorf(dp+".substitute.item", "%s does not stock %q (%s)", st.Name, item, suggest(item, slices.Sorted(maps.Keys(stocked)), "items stocked there"))
			case st.Stock[i].Policy.Type == "dropship":
				v.errorf(dp+".substitute.item", "%s/%s is drop-ship: it holds no stock to give in place of %s", st.Name, item, sk.Item)
			}
		}
	}
}

// profile checks a demand profile.
func (v *validator) profile(p string, pr *Profile) {
	multipliers := func(field string, xs []float64, n int, what string) {
		if xs == nil && !v.given(p+"."+field, false) {
			return
		}
		if len(xs) != n {
			v.errorf(p+"."+field, "needs %d multipliers (%s), got %d", n, what, len(xs))
			return
		}
		sum := 0.0
		for i, x := range xs {
			v.nonneg(fmt.Sprintf("%s.%s[%d]", p, field, i), x)
			sum += max(x, 0)
		}
		if sum == 0 {
			v.errorf(p+"."+field, "must not all be 0: the demand would never come")
		}
	}
	multipliers("weekly", pr.Weekly, 7, "one per day of the week, the day of day 0 first")
	multipliers("monthly", pr.Monthly, 12, "one per month, January first")
	for i := range pr.Promotions {
		pp := fmt.Sprintf("%s.promotions[%d]", p, i)
		pm := &pr.Promotions[i]
		if !v.given(pp+".start", pm.Start != 0) {
			v.errorf(pp+".start", "required: the first day of the promotion, a whole number >= 0")
		} else if pm.Start < 0 {
			v.errorf(pp+".start", "must be >= 0 (a day of the run), got %d", pm.Start)
		}
		if !v.given(pp+".days", pm.Days != 0) {
			v.errorf(pp+".days", "required: the length of the promotion in whole days, >= 1")
		} else if pm.Days < 1 {
			v.errorf(pp+".days", "must be >= 1 day, got %d", pm.Days)
		}
		if !v.given(pp+".multiplier", pm.Multiplier != 0) {
			v.errorf(pp+".multiplier", "required: the factor applied to demand during the promotion, >= 0 (3 triples it)")
		} else {
			v.nonneg(pp+".multiplier", pm.Multiplier)
		}
	}
}

// streamKey checks a demand stream's random-stream key. Keys may not hold
// '/', which keeps them apart from the default keys SITE/ITEM/demand/NAME.
func (v *validator) streamKey(path, x string) {
	switch {
	case x == "":
		v.errorf(path, "must not be empty; leave stream out for the stream's own random numbers")
	case strings.ContainsFunc(x, unicode.IsSpace):
		v.errorf(path, "must not contain spaces, got %q (a key such as store-demand)", x)
	case strings.Contains(x, "/"):
		v.errorf(path, "must not contain '/', got %q ('/' is reserved for the default keys SITE/ITEM/demand/NAME)", x)
	case strings.ContainsFunc(x, unicode.IsControl):
		v.errorf(path, "must not contain control characters, got %q", x)
	}
}

// dist checks a distribution's parameters.
func (v *validator) dist(p string, d *Dist) {
	params, ok := distParams[d.Type]
	if !ok {
		v.errorf(p+".type", "unknown distribution type %q (%s)", d.Type, suggestOrList(d.Type, sortedKeys(distParams)))
		return
	}
	if v.s.pos != nil {
		if _, bare := v.s.pos[p+".type"]; !bare && d.Type == "constant" {
			// A bare number: its one parameter is the value itself.
			if d.Value < 0 {
				v.errorf(p, "must be >= 0, got %s", num(d.Value))
			}
			return
		}
	}
	missing := false
	for _, f := range params {
		if f != "weights" && !v.given(p+"."+f, true) {
			v.errorf(p+"."+f, "required by distribution type %s", d.Type)
			missing = true
		}
	}
	if missing {
		return
	}
	switch d.Type {
	case "constant":
		v.nonneg(p+".value", d.Value)
	case "uniform":
		v.nonneg(p+".min", d.Min)
		if d.Max < d.Min {
			v.errorf(p+".max", "must be >= min (%s), got %s", num(d.Min), num(d.Max))
		}
	case "exponential":
		v.positive(p+".mean", d.Mean)
	case "poisson":
		v.nonneg(p+".mean", d.Mean)
		if d.Mean > maxPoissonMean {
			v.errorf(p+".mean", "must be <= %g, got %s", float64(maxPoissonMean), num(d.Mean))
		}
	case "normal":
		v.nonneg(p+".mean", d.Mean)
		v.nonneg(p+".sd", d.SD)
	case "gamma", "lognormal":
		v.positive(p+".mean", d.Mean)
		v.positive(p+".sd", d.SD)
	case "empirical":
		if len(d.Values) == 0 {
			v.errorf(p+".values", "at least one value is required")
		}
		for i, x := range d.Values {
			v.nonneg(fmt.Sprintf("%s.values[%d]", p, i), x)
		}
		if d.Weights != nil {
			if len(d.Weights) != len(d.Values) {
				v.errorf(p+".weights", "needs one weight per value: %d values, got %d weights", len(d.Values), len(d.Weights))
			}
			total := 0.0
			for i, w := range d.Weights {
				v.nonneg(fmt.Sprintf("%s.weights[%d]", p, i), w)
				total += max(w, 0)
			}
			if len(d.Weights) > 0 && total == 0 {
				v.errorf(p+".weights", "must not all be 0")
			}
		}
	}
}

// maxPoissonMean is the largest mean model.NewPoisson accepts.
const maxPoissonMean = 1e9

// maxUnits bounds stock levels, policy parameters, order sizes and the
// units of one day's demand, so that inventory-position arithmetic stays
// far from overflow (see Limits in docs/scenario-format.md).
const maxUnits = 1e9

// maxDemandUnits bounds the expected customer demand over the horizon,
// summed over every demand stream: 2^50 units, so that every count of
// units a run keeps (int64) stays below 2^53 and converts to float64
// exactly, with room for upstream echelons and random excursions. A run
// that goes beyond 2^53 anyway stops with an error (model.Result.Err).
const maxDemandUnits = 1 << 50

// minTime is the shortest lead time or transit time other than 0, in
// days (about 0.09 s).
const minTime = 1e-6

// minPeriod returns the shortest time, in days, between events that
// repeat (review periods, the mean uptime and downtime of a random
// disruption) for a horizon h: 1e-6 days, or h/1e9 for horizons beyond
// 1000 days, so that each repetition advances the clock (a float64 of h
// has 15 to 16 significant digits) and a run cannot spin at one instant.
func minPeriod(h float64) float64 {
	if !(h > 0) || math.IsInf(h, 0) {
		return minTime
	}
	return max(minTime, h/1e9)
}

// period checks a review period, in days.
func (v *validator) period(path string, x float64) {
	lo := minPeriod(v.s.Horizon)
	switch {
	case !(x > 0) || math.IsInf(x, 0):
		v.errorf(path, "must be > 0 days, got %s", num(x))
	case x < lo:
		v.errorf(path, "must be at least %g days (1e-6 days, or horizon/1e9 for horizons over 1000 days), got %s", lo, num(x))
	}
}

// duration checks a distribution of times, in days: a lead or transit
// time, whose mean is 0 or at least minTime, or, with repeats (the
// uptime and downtime of a random disruption, drawn again and again), a
// time whose mean is at least [minPeriod] of the horizon; repeats says
// what the time is, "" for a lead or transit time.
func (v *validator) duration(p string, d *Dist, repeats string) {
	n := len(v.errs)
	v.dist(p, d)
	if len(v.errs) != n {
		return
	}
	md, err := d.build()
	if err != nil {
		return // reported by dist
	}
	m := md.Mean()
	switch lo := minPeriod(v.s.Horizon); {
	case repeats != "" && !(m > 0):
		v.errorf(p, "must have a mean > 0 days (%s), got mean %s", repeats, num(m))
	case repeats != "" && m < lo:
		v.errorf(p, "must have a mean of at least %g days (%s; 1e-6 days, or horizon/1e9 for horizons over 1000 days), got mean %s", lo, repeats, num(m))
	case repeats == "" && m > 0 && m < minTime:
		v.errorf(p, "must have a mean of 0 or at least %g days, got mean %s", float64(minTime), num(m))
	}
}

// quantity checks a distribution of units (an order's size, a day's
// demand): its values at most maxUnits when they are bounded (constant,
// uniform, empirical), and its mean at most maxUnits otherwise. It
// reports whether the distribution is sound.
func (v *validator) quantity(p string, d *Dist) bool {
	n := len(v.errs)
	v.dist(p, d)
	if len(v.errs) != n {
		return false
	}
	md, err := d.build()
	if err != nil {
		return false
	}
	over := func(path, what string, x float64) bool {
		if x > maxUnits {
			v.errorf(path, "%s must be <= %g units (one order, or one day's demand; see Limits in docs/scenario-format.md), got %s", what, float64(maxUnits), num(x))
			return true
		}
		return false
	}
	bare := v.s.pos != nil && d.Type == "constant"
	if bare {
		_, typed := v.s.pos[p+".type"]
		bare = !typed
	}
	switch d.Type {
	case "constant":
		if bare {
			return !over(p, "the value", d.Value)
		}
		return !over(p+".value", "the value", d.Value)
	case "uniform":
		return !over(p+".max", "max", d.Max)
	case "empirical":
		for i, x := range d.Values {
			if over(fmt.Sprintf("%s.values[%d]", p, i), "every value", x) {
				return false
			}
		}
		return true
	}
	return !over(p+".mean", "the mean", md.Mean())
}

// mean returns the mean of a distribution that [validator.quantity]
// accepted.
func (v *validator) mean(d *Dist) float64 {
	md, err := d.build()
	if err != nil {
		return 0
	}
	return md.Mean()
}

// volume checks the expected demand over the horizon of a stream with
// perDay units a day on average (before its profile pr), reported at
// path, and adds it to v.volumeSum. A profile counts with its largest day
// factor, a bound that needs no pass over the days.
func (v *validator) volume(path string, perDay float64, pr *Profile) {
	f := 1.0
	if pr != nil {
		if len(pr.Weekly) > 0 {
			f *= slices.Max(pr.Weekly)
		}
		if len(pr.Monthly) > 0 {
			f *= slices.Max(pr.Monthly)
		}
		for _, pm := range pr.Promotions {
			f *= max(1, pm.Multiplier)
		}
	}
	h := v.s.Horizon
	if !(h > 0) || math.IsInf(h, 0) || !(f >= 0) {
		return
	}
	total := perDay * f * h
	if total > maxDemandUnits {
		v.volumeReported = true
		v.errorf(path, "gives an expected demand over the horizon of up to %.4g units (%.4g a day for %s days), more than the %.4g (2^50) a run can count exactly; lower it or shorten the horizon (see Limits in docs/scenario-format.md)", total, perDay*f, num(h), float64(maxDemandUnits))
	}
	v.volumeSum += total
}
