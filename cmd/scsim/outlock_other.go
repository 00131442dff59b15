//go:build !unix

package main

// lockOut does not lock on systems without flock: two scsim processes
// writing the same --out at once may then replace each other's set, each
// set still whole.
func lockOut(path string) (unlock func(), err error) { return func() {}, nil }
