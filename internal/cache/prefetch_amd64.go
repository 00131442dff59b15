package cache

//go:noescape
func prefetch(addr uintptr)

//go:noescape
func prefetch4(a, b, c, d uintptr)
