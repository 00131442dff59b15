//go:build !amd64

package cache

func prefetch(addr uintptr) {}
