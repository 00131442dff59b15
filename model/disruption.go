package model

import (
	"fmt"
	"math"
)

// validate checks a disruption; capacity says whether its entity is a
// supplier with a capacity (the only kind that can be reduced rather than
// stopped).
func (d *Disruption) validate(capacity bool) error {
	if d.Random {
		if len(d.Outages) > 0 {
			return fmt.Errorf("give scheduled outages or random ones, not both")
		}
		if !(d.Uptime.Mean() > 0) || !(d.Downtime.Mean() > 0) {
			return fmt.Errorf("random outages need uptime and downtime means > 0, got %v and %v", d.Uptime.Mean(), d.Downtime.Mean())
		}
	}
	end := 0.0
	for i, o := range d.Outages {
		if !(o.Start >= end) || !(o.Duration >= 0) || math.IsInf(o.Start+o.Duration, 0) {
			return fmt.Errorf("outage %d (start %v, duration %v) is out of order, overlaps the one before or is not finite", i, o.Start, o.Duration)
		}
		end = o.Start + o.Duration
	}
	if !(d.Capacity >= 0 && d.Capacity < 1) {
		return fmt.Errorf("capacity during an outage must be in [0, 1), got %v", d.Capacity)
	}
	if d.Capacity > 0 && !capacity {
		return fmt.Errorf("capacity during an outage needs a supplier with a capacity")
	}
	if !(d.RecoveryWindow >= 0) {
		return fmt.Errorf("recovery window must be >= 0, got %v", d.RecoveryWindow)
	}
	return nil
}

// outageState is the live state of one disrupted supplier or lane: its
// outages, known ahead as far as any question about the future needed
// (random ones are drawn lazily from the entity's own stream, so drawing
// ahead changes nothing), and whether one is under way.
type outageState struct {
	dis *Disruption
	// factor is the share of capacity left during an outage
	factor float64
	// window is the recovery look-ahead in days
	window float64
	// starts[i], ends[i] is outage i, in order
	starts, ends []float64
	// next is the outage whose start (if !active) or end (if active) is
	// the next event; cursor is where the last look-up found the first
	// outage ending after its time
	next, cursor int
	active       bool
	// skus are the site-items that depend on the entity: those ordering
	// from it (or, for a lane, the lane's own) and every site-item
	// downstream of them
	skus []int32
	rng  rng // random outages' times
}

// known reports whether outage i exists, drawing random outages up to it.
func (o *outageState) known(i int) bool {
	for i >= len(o.starts) {
		if !o.dis.Random {
			return false
		}
		last := 0.0
		if n := len(o.ends); n > 0 {
			last = o.ends[n-1]
		}
		start := last + o.dis.Uptime.sample(&o.rng)
		end := start + o.dis.Downtime.sample(&o.rng)
		if !(end <= math.MaxFloat64) {
			return false // past any horizon
		}
		o.starts = append(o.starts, start)
		o.ends = append(o.ends, end)
	}
	return true
}

// firstEndingAfter returns the index of the first outage that ends after
// t (it may also start after t), or len if there is none. Look-ups come
// with times that rarely go back, so it starts from where the last one
// stopped.
func (o *outageState) firstEndingAfter(t float64) int {
	i := o.cursor
	for i > 0 && o.ends[i-1] > t {
		i--
	}
	for o.known(i) && o.ends[i] <= t {
		i++
	}
	o.cursor = i
	return i
}

// departure returns the first time at or after t that is not in an
// outage: when a shipment due to leave at t leaves.
func (o *outageState) departure(t float64) float64 {
	for i := o.firstEndingAfter(t); o.known(i) && o.starts[i] <= t; i++ {
		t = o.ends[i]
	}
	return t
}

// workDone returns when work of w days at full capacity, begun at t, is
// finished, working at o.factor of the capacity during outages.
func (o *outageState) workDone(t, w float64) float64 {
	for i := o.firstEndingAfter(t); ; i++ {
		if !o.known(i) {
			return t + w
		}
		s, e := o.starts[i], o.ends[i]
		if t < s {
			if t+w <= s {
				return t + w
			}
			w -= s - t
			t = s
		}
		// in outage i, from t to e
		if f := o.factor; f > 0 {
			if t+w/f <= e {
				return t + w/f
			}
			w -= (e - t) * f
		}
		t = e
	}
}

// rest returns the days left of the outage under way at now, or 0.
func (o *outageState) rest(now float64) float64 {
	if !o.active {
		return 0
	}
	return o.ends[o.next] - now
}

// recovery watches a site-item that depends on a disrupted supplier or
// lane, for the time to recover and the disrupted time (see
// [Counters.RecoverySum]).
type recovery struct {
	active  int     // outages under way that it depends on
	pending bool    // an episode is being watched
	window  float64 // look-ahead of the episode
	// baseline is the fill rate from time 0 to the episode's start
	baseline   float64
	start, end float64 // of the episode; end once active is 0
	lastBad    float64 // end of the last impaired day of the episode, or 0
	downSince  float64 // start of the disrupted time not yet counted
	// the day being gathered, and the demand since time 0
	day                  int64
	dayDemand, dayFilled int64
	cumDemand, cumFilled int64
	deadline             float64 // end + window, once active is 0
}

// served books q units demanded at now (from customers or downstream
// sites), fill of them at once, for the recovery watch.
func (rc *recovery) served(c *Counters, now float64, q, fill int64) {
	if d := int64(now); d != rc.day {
		rc.closeDay(c, d)
	}
	rc.dayDemand += q
	rc.dayFilled += fill
	rc.cumDemand += q
	rc.cumFilled += fill
}

// impaired reports whether the day being gathered had demand and a fill
// rate below the baseline.
func (rc *recovery) impaired() bool {
	return rc.dayDemand > 0 && float64(rc.dayFilled) < rc.baseline*float64(rc.dayDemand)
}

// closeDay ends the day being gathered and starts day d; an episode whose
// look-ahead is over is then measured.
func (rc *recovery) closeDay(c *Counters, d int64) {
	if rc.pending && rc.impaired() {
		rc.lastBad = float64(rc.day + 1)
	}
	rc.day, rc.dayDemand, rc.dayFilled = d, 0, 0
	if rc.pending && rc.active == 0 && float64(d) >= rc.deadline {
		rc.measure(c, math.Inf(1))
	}
}

// measure ends the episode's watch and books its time to recover: from the
// episode's end to the end of its last impaired day, at least 0. now
// (finite when the watch is cut short) counts the day under way too.
func (rc *recovery) measure(c *Counters, now float64) {
	if !math.IsInf(now, 1) && rc.impaired() {
		rc.lastBad = float64(rc.day + 1)
	}
	rc.pending = false
	c.Disruptions++
	c.RecoverySum += max(0, rc.lastBad-rc.end)
}

// begin books the start at now of an outage the site-item depends on.
func (rc *recovery) begin(c *Counters, now, window float64) {
	rc.active++
	if rc.active > 1 {
		rc.window = max(rc.window, window)
		return
	}
	if d := int64(now); d != rc.day {
		rc.closeDay(c, d)
	}
	if rc.pending {
		rc.measure(c, now) // the previous episode's watch ends here
	}
	rc.pending = true
	rc.start, rc.lastBad, rc.window = now, 0, window
	rc.baseline = 1
	if rc.cumDemand > 0 {
		rc.baseline = float64(rc.cumFilled) / float64(rc.cumDemand)
	}
	rc.downSince = now
}

// finish books the end at now of an outage the site-item depends on.
func (rc *recovery) finish(c *Counters, now float64) {
	rc.active--
	if rc.active > 0 {
		return
	}
	rc.end = now
	rc.deadline = now + rc.window
	c.DisruptedDays += now - rc.downSince
}

// close ends the run at the horizon: an episode still watched is measured
// with what was seen; one still under way is not measured.
func (rc *recovery) close(c *Counters, horizon float64) {
	if rc.active > 0 {
		c.DisruptedDays += horizon - rc.downSince
		return
	}
	if d := int64(horizon); d > rc.day {
		rc.closeDay(c, d)
	}
	if rc.pending {
		rc.measure(c, horizon)
	}
}
