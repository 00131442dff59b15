package lab

import (
	"math"
	"scsim/stats"
	"strconv"
	"strings"
)

// FormatEstimate writes e as a cell of scsim's metrics table: "mean ±
// half-width", both rounded to the half-width's second significant digit;
// a value without a half-width rounded by its unit; "-" for a value that
// is not defined.
//
// It is the rounding of package output's table, which the page cannot
// import (its plotting would triple the WebAssembly binary); a test checks
// that the two agree on every metric of the bundled scenarios.
func FormatEstimate(unit string, e stats.Estimate) string {
	if math.IsNaN(e.Mean) {
		return "-"
	}
	hasHW := e.N >= 2 && finite(e.HalfWidth)
	if !hasHW || e.HalfWidth <= noiseRel*math.Abs(e.Mean) {
		d := decimals(unit, e.Mean)
		if hasHW {
			return fixed(e.Mean, d) + " ± " + fixed(0, d)
		}
		return fixed(e.Mean, d)
	}
	d := significant(e.HalfWidth, hwDigits, maxDecimals)
	if math.Abs(e.Mean) >= wholeFrom && e.HalfWidth >= 1 {
		d = 0
	}
	hw := fixed(e.HalfWidth, d)
	if strings.Trim(hw, "0.") == "" {
		hw = strconv.FormatFloat(e.HalfWidth, 'e', hwDigits-1, 64)
	}
	return fixed(e.Mean, d) + " ± " + hw
}

// The table's rounding constants (see output's formatEstimate).
const (
	hwDigits    = 2
	maxDecimals = 6
	noiseRel    = 1e-9
	wholeFrom   = 1000
	wholeMoney  = 10000
)

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func fixed(v float64, d int) string {
	s := strconv.FormatFloat(v, 'f', d, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		return s[1:]
	}
	return s
}

func decimals(unit string, v float64) int {
	switch unit {
	case "share":
		return 4
	case "money", "money/day":
		if math.Abs(v) >= wholeMoney {
			return 0
		}
		return 2
	case "units", "orders":
		switch a := math.Abs(v); {
		case a >= 100 || a == 0:
			return 0
		case a >= 1:
			return 1
		default:
			return 2
		}
	case "days":
		return significant(v, 3, 4)
	default:
		return significant(v, 3, 2)
	}
}

func significant(v float64, sig, most int) int {
	if v == 0 || !finite(v) {
		return 0
	}
	d := sig - 1 - int(math.Floor(math.Log10(math.Abs(v))))
	return max(0, min(d, most))
}
