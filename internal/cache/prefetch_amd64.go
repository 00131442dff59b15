package cache

//go:noescape
func prefetch(addr uintptr)
