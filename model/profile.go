package model

import (
	"fmt"
	"math"
)

// Profile is a demand pattern over time: a multiplier of a stream's
// arrival rate (or of its daily quantity's mean) for each day. The
// multiplier is constant within a day; that of day d, the interval
// [d, d+1), is the product
//
//	Weekly[d mod 7] × Monthly[month of day d mod 365]
//	  × max(0, 1 + Growth·(d + 0.5)/365) × the Multiplier of every promotion covering d
//
// Day 0 is the first day of a week and 1 January of a 365-day year; months
// have their calendar lengths (31, 28, 31, ...). A Profile is read-only
// during runs and allocates nothing.
type Profile struct {
	// Weekly holds 7 multipliers, one per day of the week, starting with
	// the week day of day 0; nil means all 1.
	Weekly []float64
	// Monthly holds 12 multipliers, January first; nil means all 1.
	Monthly []float64
	// Growth is a linear trend: the fraction by which the rate grows per
	// year (365 days), 0.1 for +10% a year. A declining rate stops at 0.
	Growth float64
	// Promotions multiply the rate on the days they cover; overlapping
	// promotions multiply each other.
	Promotions []Promotion
}

// Promotion multiplies demand on Days whole days from day Start.
type Promotion struct {
	Start, Days int64
	Multiplier  float64
}

// The calendar of a Profile's year.
const (
	daysPerWeek = 7
	daysPerYear = 365
)

// monthOf maps a day of the year (0 = 1 January) to its month (0-11).
var monthOf = func() (m [daysPerYear]uint8) {
	lengths := [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	d := 0
	for month, n := range lengths {
		for range n {
			m[d] = uint8(month)
			d++
		}
	}
	return m
}()

// Validate checks the profile's multipliers: 7 weekly and 12 monthly ones
// (or none), each finite and >= 0 and not all 0, and promotions of at
// least one day from day 0 on.
func (p *Profile) Validate() error {
	check := func(what string, xs []float64, n int) error {
		if xs == nil {
			return nil
		}
		if len(xs) != n {
			return fmt.Errorf("profile needs %d %s multipliers, got %d", n, what, len(xs))
		}
		sum := 0.0
		for _, x := range xs {
			if !(x >= 0) || math.IsInf(x, 0) {
				return fmt.Errorf("profile %s multipliers must be finite and >= 0, got %v", what, x)
			}
			sum += x
		}
		if sum == 0 {
			return fmt.Errorf("profile %s multipliers must not all be 0", what)
		}
		return nil
	}
	if err := check("weekly", p.Weekly, daysPerWeek); err != nil {
		return err
	}
	if err := check("monthly", p.Monthly, 12); err != nil {
		return err
	}
	if math.IsNaN(p.Growth) || math.IsInf(p.Growth, 0) {
		return fmt.Errorf("profile growth must be finite, got %v", p.Growth)
	}
	for _, pr := range p.Promotions {
		if pr.Start < 0 || pr.Days < 1 || !(pr.Multiplier >= 0) || math.IsInf(pr.Multiplier, 0) {
			return fmt.Errorf("promotion needs start >= 0, days >= 1 and a finite multiplier >= 0, got start %d, days %d, multiplier %v", pr.Start, pr.Days, pr.Multiplier)
		}
	}
	return nil
}

// Factor returns the multiplier of day d. It is O(number of promotions).
func (p *Profile) Factor(d int64) float64 {
	f := 1.0
	if p.Weekly != nil {
		f *= p.Weekly[d%daysPerWeek]
	}
	if p.Monthly != nil {
		f *= p.Monthly[monthOf[d%daysPerYear]]
	}
	if p.Growth != 0 {
		f *= max(0, 1+p.Growth*(float64(d)+0.5)/daysPerYear)
	}
	for i := range p.Promotions {
		if pr := &p.Promotions[i]; d >= pr.Start && d-pr.Start < pr.Days {
			f *= pr.Multiplier
		}
	}
	return f
}

// Moments returns the mean of the day factors m over days [0, days) and
// their mean square, E[m] and E[m²].
func (p *Profile) Moments(days int64) (mean, meanSq float64) {
	if days <= 0 {
		return 1, 1
	}
	for d := int64(0); d < days; d++ {
		f := p.Factor(d)
		mean += f
		meanSq += f * f
	}
	return mean / float64(days), meanSq / float64(days)
}

// next returns the time of the next event of a non-homogeneous process
// after time t, where e is the event's increment of the integrated rate
// (an Exp(1) draw for a Poisson process, 1 for regular arrivals) and
// rate × Factor(d) is the rate on day d: the integrated rate is inverted
// day by day, which is exact for a rate constant within each day. It
// returns +Inf when the next event falls at or after end.
func (p *Profile) next(t, e, rate, end float64) float64 {
	for t < end {
		d := math.Floor(t)
		lam := rate * p.Factor(int64(d))
		span := d + 1 - t
		if lam*span >= e {
			if lam == 0 { // e == 0: the event is now
				return t
			}
			return t + e/lam
		}
		e -= lam * span
		t = d + 1
	}
	return math.Inf(1)
}

// Integral returns the integrals over [a, b] of the day factor m(u) =
// Factor(⌊u⌋) and of its square, ∫ m(u) du and ∫ m(u)² du, for 0 <= a <= b:
// the expected number of arrivals of a unit-rate stream over [a, b] and
// the like sum of squares. It is O(b − a + 1) days and allocates nothing.
func (p *Profile) Integral(a, b float64) (f, f2 float64) {
	for d := math.Floor(a); d < b; d++ {
		w := min(b, d+1) - max(a, d)
		x := p.Factor(int64(d))
		f += x * w
		f2 += x * x * w
	}
	return f, f2
}
