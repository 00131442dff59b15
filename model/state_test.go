package model

import (
	"reflect"
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

// TestStreamLayout pins what every arrival of a demand stream reads at
// one cache line: the whole hot part of a stream.
func TestStreamLayout(t *testing.T) {
	if n := unsafe.Sizeof(stream{}); n != 64 {
		t.Errorf("stream is %d bytes, want 64 (one cache line)", n)
	}
}

// TestSKUColdLayout pins the cold state of a site-item at 256 bytes, with
// what an order reads (fetched ahead by runner.prefetchOrder) in the first
// cache line.
func TestSKUColdLayout(t *testing.T) {
	var c skuCold
	if n := unsafe.Sizeof(c); n != 256 {
		t.Errorf("skuCold is %d bytes, want 256 (four cache lines)", n)
	}
	if end := unsafe.Offsetof(c.laneRNG) + unsafe.Sizeof(c.laneRNG); end > 64 {
		t.Errorf("an order's cold state ends at byte %d, past the first cache line", end)
	}
	if end := unsafe.Offsetof(c.inbound) + unsafe.Sizeof(c.inbound); end > 64 {
		t.Errorf("the receipts on their way end at byte %d, past the first cache line, which a shipment reads", end)
	}
}

// TestHotStateHoldsNoPointers checks that the arrays of a run's hot state
// hold no pointer, so that the garbage collector never scans them: the
// site-items' hot state, the demand streams, their tallies and the daily
// statistics.
func TestHotStateHoldsNoPointers(t *testing.T) {
	var walk func(t *testing.T, typ reflect.Type, path string)
	walk = func(t *testing.T, typ reflect.Type, path string) {
		switch typ.Kind() {
		case reflect.Pointer, reflect.UnsafePointer, reflect.Slice, reflect.Map, reflect.Chan, reflect.Func, reflect.Interface, reflect.String:
			t.Errorf("%s is a %s: the garbage collector would scan it", path, typ.Kind())
		case reflect.Struct:
			for i := range typ.NumField() {
				f := typ.Field(i)
				walk(t, f.Type, path+"."+f.Name)
			}
		case reflect.Array:
			walk(t, typ.Elem(), path+"[]")
		}
	}
	for _, v := range []any{skuState{}, stream{}, tally{}, DailyStats{}} {
		walk(t, reflect.TypeOf(v), reflect.TypeOf(v).Name())
	}
}
