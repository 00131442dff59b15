package scenarios

import (
	"fmt"
	"math"
)

// disruption checks the disruption at path p of supplier sp, or of a lane
// when sp is nil.
func (v *validator) disruption(p string, d *Disruption, sp *Supplier) {
	scheduled := len(d.Outages) > 0 || v.givenAt(p, ".outages", false)
	up, down := d.Uptime.Type != "" || v.badAt(p, ".uptime"), d.Downtime.Type != "" || v.badAt(p, ".downtime")
	switch {
	case scheduled && (up || down):
		at := p + ".uptime"
		if !up {
			at = p + ".downtime"
		}
		v.errorf(at, "give outages (scheduled) or uptime and downtime (random), not both")
	case !scheduled && !up && !down:
		v.errorf(p, "needs outages: a list of {start, duration} (scheduled), or uptime and downtime (random: %[1]s between failures and %[1]s to repair)", v.days())
	case scheduled:
		if len(d.Outages) == 0 {
			v.errorf(p+".outages", "at least one outage {start, duration} is required")
		}
		end := 0.0
		for i, o := range d.Outages {
			op := fmt.Sprintf("%s.outages[%d]", p, i)
			okStart := true
			switch {
			case !v.givenAt(op, ".start", o.Start != 0):
				v.errorf(op+".start", "required: the %s the outage starts, >= 0", v.day())
				okStart = false
			case !(o.Start >= 0) || math.IsInf(o.Start, 0):
				v.errorf(op+".start", "must be >= 0 %s, got %s", v.days(), num(o.Start))
				okStart = false
			case i > 0 && o.Start < end:
				v.errorf(op+".start", "must be >= %s, the end of outages[%d]: outages must be in order and not overlap, got %s", num(end), i-1, num(o.Start))
			}
			switch {
			case !v.givenAt(op, ".duration", o.Duration != 0):
				v.errorf(op+".duration", "required: the outage's length in %s, > 0", v.days())
			case !(o.Duration > 0) || math.IsInf(o.Duration, 0):
				v.errorf(op+".duration", "must be > 0 %s, got %s", v.days(), num(o.Duration))
			case okStart:
				end = max(end, o.Start+o.Duration)
			}
		}
	default:
		for _, f := range []struct {
			name, other, what string
			d                 *Dist
			given             bool
		}{{"uptime", "downtime", "the " + v.days() + " between failures", &d.Uptime, up}, {"downtime", "uptime", "the " + v.days() + " to repair", &d.Downtime, down}} {
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
		v.errorf(p+".capacity", "needs the supplier's capacity (units per %s) to reduce; supplier %s has unlimited capacity, so an outage can only stop it (capacity 0)", v.day(), sp.Name)
	}
	if v.givenAt(p, ".recovery_window", d.RecoveryWindow != 0) && (!(d.RecoveryWindow > 0) || math.IsInf(d.RecoveryWindow, 0)) {
		v.errorf(p+".recovery_window", "must be > 0 %s, got %s", v.days(), num(d.RecoveryWindow))
	}
}

// expedite checks a lane's expedite mode at path p.
func (v *validator) expedite(p string, e *Expedite) {
	if e.Transit.Type == "" {
		v.errorf(p+".transit", "required: the expedited transit time in %s, a number or a distribution", v.days())
	} else {
		v.duration(p+".transit", &e.Transit, "")
	}
	v.nonnegAt(p, ".unit_cost", e.UnitCost)
	v.nonnegAt(p, ".shipment_cost", e.ShipmentCost)
	switch {
	case !v.givenAt(p, ".backorders", e.Backorders != 0):
		v.errorf(p+".backorders", "required: expedite a shipment when the site-item has at least this many units backordered, >= 0")
	case e.Backorders < 0:
		v.errorf(p+".backorders", "must be >= 0 units, got %d", e.Backorders)
	case e.Backorders > maxUnits:
		v.errorf(p+".backorders", "must be <= %d units, got %d", int64(maxUnits), e.Backorders)
	}
}
