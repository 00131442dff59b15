//go:build !amd64

package cache

func prefetch(addr uintptr) {}

func prefetch4(a, b, c, d uintptr) {}
