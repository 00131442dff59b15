//go:build !unix

package scenarios

// openNonblock is not needed where there are no FIFOs to block on.
const openNonblock = 0
