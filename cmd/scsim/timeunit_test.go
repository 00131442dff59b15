package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// weeksAsDays turns the labels of a scenario counted in weeks back into
// those of days.
var weeksAsDays = strings.NewReplacer("1/(365 weeks)", "1/year", "/week", "/day", "weeks", "days", "week", "day")

// TestTimeUnitLabels checks that the Beer Game's time_unit: week labels
// its table, JSON and report in weeks and changes nothing else: with
// --set time_unit=day every number and the fingerprint are the same, and
// the labels are those of days.
func TestTimeUnitLabels(t *testing.T) {
	weeks, stderr, code := run(t, "run", "beer-game", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	days, _, code := run(t, "run", "beer-game", "-q", "--set", "time_unit=day")
	if code != 0 {
		t.Fatal("run --set time_unit=day failed")
	}
	for _, want := range []string{"horizon       36 weeks\n", "warm-up       0 weeks\n", "money/week", "1/(365 weeks)"} {
		if !strings.Contains(weeks, want) {
			t.Errorf("the table in weeks lacks %q:\n%s", want, weeks)
		}
	}
	for _, line := range strings.Split(weeks, "\n") {
		if strings.Contains(line, "day") {
			t.Errorf("the table in weeks says days: %q", line)
		}
	}
	if !strings.Contains(days, "horizon       36 days\n") || strings.Contains(days, "week") {
		t.Errorf("the table in days:\n%s", days)
	}
	// the same words and numbers once the labels are days (the unit
	// column's width differs)
	if got, want := strings.Fields(weeksAsDays.Replace(weeks)), strings.Fields(days); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the tables differ in more than their labels:\nweeks: %s\ndays:  %s", weeks, days)
	}

	var wj, dj map[string]any
	for _, c := range []struct {
		dst  *map[string]any
		args []string
	}{{&wj, nil}, {&dj, []string{"--set", "time_unit=day"}}} {
		out, _, code := run(t, append([]string{"run", "beer-game", "-q", "-f", "json"}, c.args...)...)
		if code != 0 || json.Unmarshal([]byte(out), c.dst) != nil {
			t.Fatalf("json: exit %d", code)
		}
	}
	sc := wj["scenario"].(map[string]any)
	if sc["time_unit"] != "week" {
		t.Errorf("JSON scenario.time_unit %v, want week", sc["time_unit"])
	}
	if _, ok := dj["scenario"].(map[string]any)["time_unit"]; ok {
		t.Errorf("JSON of a scenario in days has a time_unit")
	}
	delete(sc, "time_unit")
	a, _ := json.Marshal(wj)
	b, _ := json.Marshal(dj)
	if string(a) != string(b) {
		t.Errorf("the JSON outputs differ beyond scenario.time_unit")
	}

	dir := filepath.Join(t.TempDir(), "report")
	if _, stderr, code := run(t, "report", "beer-game", "-q", "--out", dir); code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<td>36 weeks</td>", `<td title="">money/week</td>`, `<td title="">weeks</td>`, "descriptions as a week"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// the plots beside it: times and costs in weeks, never days
	svgs, _ := filepath.Glob(filepath.Join(dir, "*.svg"))
	if len(svgs) < 10 {
		t.Fatalf("%d SVG plots beside the report", len(svgs))
	}
	for _, f := range svgs {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "day") {
			t.Errorf("%s says days", filepath.Base(f))
		}
	}
	chain, _ := os.ReadFile(filepath.Join(dir, "chain-0-base.svg"))
	if !strings.Contains(string(chain), "time (weeks)") || !strings.Contains(string(chain), "weeks 0 to 36") {
		t.Errorf("chain-0-base.svg: no axis \"time (weeks)\" or title \"weeks 0 to 36\"")
	}
	if !strings.Contains(string(html), "cost per week") {
		t.Errorf("the report's captions do not say cost per week")
	}

	// the trace: its legend and its rules in weeks
	tr, _, code := run(t, "trace", "beer-game", "--limit", "0")
	if code != 0 {
		t.Fatal("trace failed")
	}
	if !strings.Contains(tr, "Times in weeks.") || !strings.Contains(tr, " wk)") || strings.Contains(tr, " d)") || strings.Contains(tr, "days") {
		t.Errorf("the trace of the Beer Game is not in weeks:\n%s", tr[:min(len(tr), 2000)])
	}
	trd, _, _ := run(t, "trace", "beer-game", "--limit", "0", "--set", "time_unit=day")
	// (the same words: a longer unit may wrap a line elsewhere)
	if got := strings.Fields(strings.NewReplacer(" wk)", " d)", " wk,", " d,", "Times in weeks.", "Times in days.").Replace(tr)); strings.Join(got, " ") != strings.Join(strings.Fields(trd), " ") {
		t.Errorf("the trace in weeks differs from the one in days beyond its labels")
	}
}

// TestTimeUnitTheory checks that the theory beside the simulation names
// its model in the scenario's time unit, with the same values.
func TestTimeUnitTheory(t *testing.T) {
	args := []string{"run", "lost-sales", "-q", "-n", "3", "--horizon", "2000"}
	days, _, code := run(t, args...)
	weeks, _, code2 := run(t, append(args, "--set", "time_unit=week")...)
	if code != 0 || code2 != 0 {
		t.Fatal("run failed")
	}
	if !strings.Contains(days, "Poisson demand 5/day, constant lead time 2 d,") {
		t.Fatalf("no theory in days:\n%s", days)
	}
	if !strings.Contains(weeks, "Poisson demand 5/week, constant lead time 2 wk,") {
		t.Errorf("the theory is not in weeks:\n%s", weeks)
	}
	if got := strings.Fields(strings.NewReplacer("5/week", "5/day", "2 wk,", "2 d,").Replace(weeksAsDays.Replace(weeks))); strings.Join(got, " ") != strings.Join(strings.Fields(days), " ") {
		t.Errorf("in weeks and in days the run differs beyond its labels:\n%s\n%s", weeks, days)
	}
}
