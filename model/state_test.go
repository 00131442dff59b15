package model

import (
	"testing"
	"unsafe"
)

// TestSKUStateLayout pins the hot state of a site-item at two cache
// lines, the levels and their integrals in the first.
func TestSKUStateLayout(t *testing.T) {
	var k skuState
	if n := unsafe.Sizeof(k); n != 128 {
		t.Errorf("skuState is %d bytes, want 128 (two cache lines)", n)
	}
	if off := unsafe.Offsetof(k.inStockDays); off >= 64 {
		t.Errorf("the integrals end at byte %d, past the first cache line", off+8)
	}
}

// TestStreamLayout pins what every arrival of a demand stream reads in
// its first cache line.
func TestStreamLayout(t *testing.T) {
	var s stream
	if end := unsafe.Offsetof(s.cust) + unsafe.Sizeof(s.cust); end > 64 {
		t.Errorf("a stream's hot fields end at byte %d, past the first cache line", end)
	}
	if end := unsafe.Offsetof(s.flags) + unsafe.Sizeof(s.flags); end > 64 {
		t.Errorf("a stream's hot fields end at byte %d, past the first cache line", end)
	}
}
