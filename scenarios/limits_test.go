package scenarios

import (
	"strings"
	"testing"
)

// limitsBase is a valid scenario whose parts the limit tests replace.
const limitsBase = `name: limits
seed: 1
replications: 1
horizon: HORIZON
items: [{name: widget, unit_cost: 10, holding_cost: 0.01, backorder_cost: 1, order_cost: 50, price: 20}]
suppliers: [{name: f, lead_time: LEAD DISRUPTION}]
sites:
  - name: dc
    type: warehouse
    stock:
      - {item: widget, source: f, policy: {type: rq, reorder_point: 10, order_quantity: 20}}
  - name: store
    type: store
    stock:
      - item: widget
        source: dc
        lane: {transit: TRANSIT}
        policy: POLICY
        demand:
          - DEMAND
`

// limitsScenario returns limitsBase with the given replacements, the
// others at valid defaults.
func limitsScenario(repl map[string]string) string {
	def := map[string]string{
		"HORIZON": "1000", "LEAD": "4", "DISRUPTION": "", "TRANSIT": "1",
		"POLICY": "{type: rq, reorder_point: 36, order_quantity: 40}",
		"DEMAND": "{rate: 8, size: 1}",
	}
	src := limitsBase
	for k, v := range def {
		if r, ok := repl[k]; ok {
			v = r
		}
		src = strings.ReplaceAll(src, k, v)
	}
	return src
}

// TestLimits checks that every quantity and time a scenario can make too
// large or too small for a run to count exactly, or to advance its clock,
// is refused at validation, at its field, with the allowed range, in one
// error; and that values at the limits pass.
func TestLimits(t *testing.T) {
	for _, tt := range []struct {
		name string
		repl map[string]string
		want string // "" for valid
	}{
		{"size at the limit", map[string]string{"DEMAND": "{rate: 8, size: 1000000000}"}, ""},
		{"size 2^31-1", map[string]string{"DEMAND": "{rate: 8, size: 2147483647}"}, "demand[0].size: the value must be <= 1e+09 units"},
		{"size 1e18 lost sales", map[string]string{"DEMAND": "{rate: 8, size: 1e18, stockout: lost_sale}"}, "demand[0].size: the value must be <= 1e+09 units"},
		{"size uniform max", map[string]string{"DEMAND": "{rate: 8, size: {type: uniform, min: 1, max: 2e9}}"}, "demand[0].size.max: max must be <= 1e+09 units"},
		{"size empirical", map[string]string{"DEMAND": "{rate: 8, size: {type: empirical, values: [1, 5e9]}}"}, "demand[0].size.values[1]: every value must be <= 1e+09 units"},
		{"size lognormal mean", map[string]string{"DEMAND": "{rate: 8, size: {type: lognormal, mean: 2e9, sd: 1}}"}, "demand[0].size.mean: the mean must be <= 1e+09 units"},
		{"daily poisson 1e9", map[string]string{"DEMAND": "{daily: {type: poisson, mean: 1e9}}"}, ""},
		{"daily gamma mean", map[string]string{"DEMAND": "{daily: {type: gamma, mean: 3e9, sd: 1}}"}, "demand[0].daily.mean: the mean must be <= 1e+09 units"},
		{"volume of one stream", map[string]string{"HORIZON": "1e7", "DEMAND": "{rate: 1000, size: 1000000}"}, "demand[0].rate: gives an expected demand over the horizon of up to 1e+16 units"},
		{"volume with a promotion", map[string]string{"HORIZON": "1e6", "DEMAND": "{rate: 1000, size: 1000000, profile: {promotions: [{start: 0, days: 1, multiplier: 10}]}}"}, "expected demand over the horizon of up to 1e+16 units"},
		{"volume of a daily stream", map[string]string{"HORIZON": "1e7", "DEMAND": "{daily: 1e9}"}, "demand[0].daily: gives an expected demand over the horizon of up to 1e+16 units"},
		{"review period tiny", map[string]string{"POLICY": "{type: base_stock, order_up_to: 50, review: periodic, review_period: 1e-300}"}, "policy.review_period: must be at least 1e-06 days"},
		{"review period at the minimum", map[string]string{"POLICY": "{type: base_stock, order_up_to: 50, review: periodic, review_period: 1e-6}"}, ""},
		{"review period relative to the horizon", map[string]string{"HORIZON": "1e7", "DEMAND": "{rate: 1, size: 1}", "POLICY": "{type: base_stock, order_up_to: 50, review: periodic, review_period: 0.001}"}, "policy.review_period: must be at least 0.01 days"},
		{"vmi review period", map[string]string{"POLICY": "{type: vmi, min: 5, max: 50, review_period: 1e-9}"}, "policy.review_period: must be at least 1e-06 days"},
		{"uptime tiny", map[string]string{"DISRUPTION": ", disruption: {uptime: 1e-300, downtime: 1}"}, "disruption.uptime: must have a mean of at least 1e-06 days"},
		{"downtime tiny", map[string]string{"DISRUPTION": ", disruption: {uptime: 10, downtime: {type: exponential, mean: 1e-12}}"}, "disruption.downtime: must have a mean of at least 1e-06 days"},
		{"lead time tiny", map[string]string{"LEAD": "1e-300"}, "suppliers[0].lead_time: must have a mean of 0 or at least 1e-06 days"},
		{"lead time 0", map[string]string{"LEAD": "0"}, ""},
		{"transit tiny", map[string]string{"TRANSIT": "{type: exponential, mean: 1e-9}"}, "lane.transit: must have a mean of 0 or at least 1e-06 days"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("limits.yaml", []byte(limitsScenario(tt.repl)))
			if err == nil {
				_, err = s.Build()
			}
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || strings.Count(err.Error(), "\n") > 0):
				t.Errorf("error %v, want one error with %q", err, tt.want)
			}
		})
	}
}
