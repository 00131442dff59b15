package shard

import (
	"cmp"
	"container/heap"
	"slices"
)

// Assign splits units of work with estimated costs weights into n shards
// and returns the shard of each unit. It is deterministic: the units are
// taken by decreasing weight (ties in index order) and each goes to the
// least loaded shard so far (ties to the lowest shard), the greedy
// longest-processing-time rule, whose largest load is within 4/3 of the
// best possible; with equal weights it deals the units round-robin, so
// that a cost growing along a grid spreads over every shard.
func Assign(weights []float64, n int) []int {
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(weights[b], weights[a]) })
	h := make(loads, n)
	for k := range h {
		h[k] = load{k: k}
	}
	out := make([]int, len(weights))
	for _, u := range order {
		out[u] = h[0].k
		w := weights[u]
		if !(w > 0) { // NaN, zero or negative: count it as one event
			w = 1
		}
		h[0].w += w
		heap.Fix(&h, 0)
	}
	return out
}

type load struct {
	w float64
	k int
}

type loads []load

func (h loads) Len() int { return len(h) }
func (h loads) Less(i, j int) bool {
	if h[i].w != h[j].w {
		return h[i].w < h[j].w
	}
	return h[i].k < h[j].k
}
func (h loads) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *loads) Push(x any)   { *h = append(*h, x.(load)) }
func (h *loads) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
