package scenarios

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"unicode"
)

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

func (v *validator) demand(p string, dm *Demand, k int, names map[string]int, site, item string) {
	name := dm.Name
	if name == "" && !v.givenAt(p, ".name", false) {
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
	hasRate := v.givenAt(p, ".rate", dm.Rate != 0)
	hasDaily := dm.Daily.Type != "" || v.badAt(p, ".daily")
	hasHistory := dm.History != nil || v.badAt(p, ".history")
	switch {
	case hasHistory && (hasRate || hasDaily):
		v.errorf(p+".history", "give rate (Poisson orders per %[1]s), daily (units per %[1]s) or history (past demand), only one", v.day())
	case hasRate && hasDaily:
		v.errorf(p+".daily", "give rate (Poisson orders per %[1]s) or daily (units per %[1]s), not both", v.day())
	case !hasRate && !hasDaily && !hasHistory:
		v.errorf(p, "needs rate (Poisson customer orders per %[1]s), daily (a distribution of units per %[1]s) or history (a CSV file of past demand)", v.day())
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
		v.positiveAt(p, ".rate", dm.Rate)
		if dm.Size.Type == "" {
			v.errorf(p+".size", "required: units per order, a number or a distribution")
		} else if v.quantity(p+".size", &dm.Size) && dm.Rate > 0 && !math.IsInf(dm.Rate, 0) {
			v.volume(p, ".rate", dm.Rate*v.mean(&dm.Size), dm.Profile)
		}
		if dm.Arrivals != "" || v.givenAt(p, ".arrivals", false) {
			v.oneOfAt(p, ".arrivals", "arrivals", dm.Arrivals, arrivals)
		}
	default:
		if v.givenAt(p, ".size", false) {
			v.errorf(p+".size", "applies only with rate; daily already gives units per %s", v.day())
		}
		if v.givenAt(p, ".arrivals", dm.Arrivals != "" && dm.Arrivals != "poisson") {
			v.errorf(p+".arrivals", "applies only with rate (orders arriving at rate per %[1]s); daily demand is one order in the middle of each %[1]s", v.day())
		}
		if v.quantity(p+".daily", &dm.Daily) {
			v.volume(p, ".daily", v.mean(&dm.Daily), dm.Profile)
		}
	}
	v.oneOfAt(p, ".stockout", "stockout", dm.Stockout, stockouts)
	if dm.Priority > maxPriority || dm.Priority < -maxPriority {
		v.errorf(p+".priority", "must be between %d and %d, got %d", -maxPriority, maxPriority, dm.Priority)
	}
	if v.givenAt(p, ".stream", dm.Stream != "") {
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
	if dm.Patience.Type != "" || v.badAt(p, ".patience") {
		only("patience")
		v.dist(p+".patience", &dm.Patience)
	}
	if b := dm.BalkWait; b != nil {
		only("balk_wait")
		v.nonnegAt(p, ".balk_wait", *b)
	}
	if dm.Shipment != "" || v.givenAt(p, ".shipment", false) {
		v.oneOfAt(p, ".shipment", "shipment", dm.Shipment, orderShipments)
	}
	sb := &dm.Substitute
	if sb.Item == "" {
		if v.givenAt(p, ".substitute", false) {
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
			dm := &sk.Demand[k]
			if dm.Substitute.Item == "" && sk.Policy.Type != "dropship" {
				continue // nothing to check: the path is not built
			}
			dp := fmt.Sprintf("%s.stock[%d].demand[%d]", p, j, k)
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
		if !v.givenAt(pp, ".start", pm.Start != 0) {
			v.errorf(pp+".start", "required: the first %s of the promotion, a whole number >= 0", v.day())
		} else if pm.Start < 0 {
			v.errorf(pp+".start", "must be >= 0 (a %s of the run), got %d", v.day(), pm.Start)
		}
		if !v.givenAt(pp, ".days", pm.Days != 0) {
			v.errorf(pp+".days", "required: the length of the promotion in whole %s, >= 1", v.days())
		} else if pm.Days < 1 {
			v.errorf(pp+".days", "must be >= 1 %s, got %d", v.day(), pm.Days)
		}
		if !v.givenAt(pp, ".multiplier", pm.Multiplier != 0) {
			v.errorf(pp+".multiplier", "required: the factor applied to demand during the promotion, >= 0 (3 triples it)")
		} else {
			v.nonnegAt(pp, ".multiplier", pm.Multiplier)
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

// maxDemandUnits bounds the expected customer demand over the horizon,
// summed over every demand stream: 2^50 units, so that every count of
// units a run keeps (int64) stays below 2^53 and converts to float64
// exactly, with room for upstream echelons and random excursions. A run
// that goes beyond 2^53 anyway stops with an error (model.Result.Err).
const maxDemandUnits = 1 << 50

// volume checks the expected demand over the horizon of a stream with
// perDay units a day on average (before its profile pr), reported at the
// path p+field (built only for an error), and adds it to v.volumeSum. A
// profile counts with its largest day factor, a bound that needs no pass
// over the days.
func (v *validator) volume(p, field string, perDay float64, pr *Profile) {
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
		v.errorf(p+field, "gives an expected demand over the horizon of up to %.4g units (%.4g per %s for %s), more than the %.4g (2^50) a run can count exactly; lower it or shorten the horizon (see Limits in docs/scenario-format.md)", total, perDay*f, v.day(), v.time(h), float64(maxDemandUnits))
	}
	v.volumeSum += total
}
