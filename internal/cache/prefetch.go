// Package cache asks the processor to start loading memory before it is
// read.
package cache

import "unsafe"

// Prefetch asks the processor to load the cache line at p into its caches
// (PREFETCHT0 on amd64; nothing elsewhere). Unlike a load, it does not hold
// up the instructions after it while the line arrives, and it never
// faults.
func Prefetch(p unsafe.Pointer) { prefetch(uintptr(p)) }

// Prefetch4 is [Prefetch] of a, b, c and d in one call: a prefetch is
// an assembly function, which the compiler cannot inline, so one call
// for four lines costs a quarter of four calls.
func Prefetch4(a, b, c, d unsafe.Pointer) {
	prefetch4(uintptr(a), uintptr(b), uintptr(c), uintptr(d))
}
