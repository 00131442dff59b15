package model

import "strings"

// TimeUnitName is the singular name of a [Network.TimeUnit]: unit, or
// "day" for "".
func TimeUnitName(unit string) string {
	if unit == "" {
		return "day"
	}
	return unit
}

// UnitLabel is how a metric's unit (as [Metrics] gives it, in days) is
// printed for a network whose time unit is unit ("" or "day" for days):
// "days" becomes "weeks", "money/day" "money/week", and inventory turns,
// counted per 365 time units, "1/(365 weeks)". Other units, and every
// unit for days, are printed as they are. Only the label changes.
func UnitLabel(metricUnit, unit string) string {
	if unit == "" || unit == "day" {
		return metricUnit
	}
	switch metricUnit {
	case "days":
		return unit + "s"
	case "1/year":
		return "1/(365 " + unit + "s)"
	}
	if head, ok := strings.CutSuffix(metricUnit, "/day"); ok {
		return head + "/" + unit
	}
	return metricUnit
}
