package scenarios

import (
	"reflect"
	"testing"
)

// TestCompactKeepsSettings checks that Compact keeps every exported scalar
// setting of a scenario (what outputs report: a new one is kept without
// being listed) and drops the decoded network.
func TestCompactKeepsSettings(t *testing.T) {
	sc, err := Open("beer-game")
	if err != nil {
		t.Fatal(err)
	}
	sc.VariantName = "base-stock"
	fp := sc.Fingerprint()
	c := sc.Compact()
	if c.Fingerprint() != fp {
		t.Errorf("fingerprint %s, want %s", c.Fingerprint(), fp)
	}
	v, w := reflect.ValueOf(sc).Elem(), reflect.ValueOf(c).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Type.Kind() == reflect.Slice {
			if w.Field(i).Len() != 0 {
				t.Errorf("%s kept (%d entries)", f.Name, w.Field(i).Len())
			}
			continue
		}
		if !reflect.DeepEqual(v.Field(i).Interface(), w.Field(i).Interface()) {
			t.Errorf("%s = %v, want %v", f.Name, w.Field(i).Interface(), v.Field(i).Interface())
		}
	}
	if c.TimeUnit != "week" {
		t.Errorf("time unit %q, want week", c.TimeUnit)
	}
}
