package model

import (
	"fmt"
	"slices"
)

// History is a record of past demand: the customer orders of each day
// 0, 1, ..., Days()−1. A demand stream with a History replays it, or
// resamples it by blocks of days (see [Demand]). It is read-only during
// runs.
type History struct {
	// start[d] .. start[d+1] index the orders of day d in qty
	start []int32
	qty   []int64
	mean  float64 // units per day
	vari  float64 // variance of the units per day
}

// NewHistory returns the history of the orders of qty[i] units on day
// days[i], over days 0 .. max(span, last day + 1) − 1 (days without
// orders have none). Orders of one day keep their order in the slices.
func NewHistory(days, qty []int64, span int64) (*History, error) {
	if len(days) != len(qty) {
		return nil, fmt.Errorf("history needs one day per quantity, got %d days and %d quantities", len(days), len(qty))
	}
	for i := range days {
		if days[i] < 0 || qty[i] < 0 {
			return nil, fmt.Errorf("history needs days and quantities >= 0, got %d units on day %d", qty[i], days[i])
		}
		span = max(span, days[i]+1)
	}
	if span < 1 || span > maxHistoryDays || len(qty) > maxHistoryDays {
		return nil, fmt.Errorf("history needs 1 to %d days and orders, got %d days and %d orders", maxHistoryDays, span, len(qty))
	}
	idx := make([]int, len(days))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return int(days[a] - days[b]) })
	h := &History{start: make([]int32, span+1), qty: make([]int64, len(qty))}
	for j, i := range idx {
		h.qty[j] = qty[i]
		h.start[days[i]+1]++
	}
	for d := int64(1); d <= span; d++ {
		h.start[d] += h.start[d-1]
	}
	var sum, sumSq float64
	for d := range int(span) {
		t := 0.0
		for _, q := range h.Orders(d) {
			t += float64(q)
		}
		sum += t
		sumSq += t * t
	}
	n := float64(span)
	h.mean = sum / n
	h.vari = max(0, sumSq/n-h.mean*h.mean)
	return h, nil
}

// maxHistoryDays bounds a history's days and orders (about 2,700 years of
// days), far beyond any sales record.
const maxHistoryDays = 1_000_000

// Days returns the number of days the history covers.
func (h *History) Days() int { return len(h.start) - 1 }

// Orders returns the order quantities of day d, in [0, Days()).
func (h *History) Orders(d int) []int64 { return h.qty[h.start[d]:h.start[d+1]] }

// Total returns the units of every order.
func (h *History) Total() int64 {
	t := int64(0)
	for _, q := range h.qty {
		t += q
	}
	return t
}

// Mean returns the mean units per day over the history's days.
func (h *History) Mean() float64 { return h.mean }

// Variance returns the variance of the units per day over its days.
func (h *History) Variance() float64 { return h.vari }
