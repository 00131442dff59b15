package scenarios

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestSchemaDocumentsEveryField keeps the schema's documentation complete:
// every field of every scenario struct has a description (a new field
// without one fails here), every number a unit, every bound parses, and
// the table names no field that does not exist.
func TestSchemaDocumentsEveryField(t *testing.T) {
	known := map[string]bool{}
	floats := reflect.TypeFor[float64]()
	for _, typ := range schemaTypes() {
		for _, name := range fieldsOf(typ).order {
			key := typ.Name() + "." + name
			known[key] = true
			d, ok := fieldDocs[key]
			if !ok || strings.TrimSpace(d.desc) == "" {
				t.Errorf("fieldDocs has no description of %s", key)
				continue
			}
			ft := typ.Field(fieldsOf(typ).index[name]).Type
			for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			if (ft == floats || ft == distType) && d.unit == "" {
				t.Errorf("fieldDocs[%q] gives no unit for a quantity", key)
			}
			if _, _, _, _, err := parseRange(d.rng); err != nil {
				t.Errorf("fieldDocs[%q]: %v", key, err)
			}
		}
	}
	for key := range fieldDocs {
		if !known[key] {
			t.Errorf("fieldDocs documents %s, which is not a field of the scenario format", key)
		}
	}
	for _, m := range []struct {
		what   string
		params map[string][]string
		docs   map[string]string
	}{{"distribution", distParams, distDocs}, {"policy", policyParams, policyDocs}} {
		for typ := range m.params {
			if strings.TrimSpace(m.docs[typ]) == "" {
				t.Errorf("%s type %s has no description", m.what, typ)
			}
		}
		for typ := range m.docs {
			if _, ok := m.params[typ]; !ok {
				t.Errorf("%s type %s is described but does not exist", m.what, typ)
			}
		}
	}
	for key := range paramRange {
		typ, param, _ := strings.Cut(key, ".")
		if !slices.Contains(distParams[typ], param) && !slices.Contains(policyParams[typ], param) {
			t.Errorf("paramRange[%q]: no such type and parameter", key)
		}
	}
	for _, k := range policyKinds {
		for _, p := range k.required {
			if !slices.Contains(k.params, p) {
				t.Errorf("policy type %s requires %s, which is not a parameter of it", k.name, p)
			}
		}
	}
	// defaults are given once: by setDefaults, or in the table
	for key, def := range reflectDefaults() {
		if d := fieldDocs[key]; d.def != nil {
			t.Errorf("fieldDocs[%q] repeats the default %v that setDefaults gives (%v)", key, d.def, def)
		}
	}
}

// TestSchemaContents checks what the schema says about a few fields, by
// reading it as JSON.
func TestSchemaContents(t *testing.T) {
	var s map[string]any
	if err := json.Unmarshal(Schema(), &s); err != nil {
		t.Fatal(err)
	}
	get := func(path ...string) any {
		var v any = s
		for _, p := range path {
			switch x := v.(type) {
			case map[string]any:
				v = x[p]
			case []any:
				var i int
				fmt.Sscan(p, &i)
				v = x[i]
			default:
				t.Fatalf("%v: not a container at %s", path, p)
			}
		}
		return v
	}
	demand := []string{"$defs", "Demand", "properties"}
	if got := get(append(demand, "stockout", "enum")...); !reflect.DeepEqual(got, []any{"backorder", "lost_sale"}) {
		t.Errorf("stockout enum = %v", got)
	}
	if got := get(append(demand, "stockout", "default")...); got != "backorder" {
		t.Errorf("stockout default = %v, want backorder (from setDefaults)", got)
	}
	if got := get(append(demand, "size", "default")...); got != 1.0 {
		t.Errorf("size default = %v, want 1", got)
	}
	if got := get(append(demand, "rate", "x-unit")...); got != "orders per day" {
		t.Errorf("rate unit = %v", got)
	}
	if got := get(append(demand, "rate", "exclusiveMinimum")...); got != 0.0 {
		t.Errorf("rate exclusiveMinimum = %v", got)
	}
	// one alternative per policy type, each taking its own parameters only
	alts := get("$defs", "Policy", "oneOf").([]any)
	if len(alts) != len(policyParams) {
		t.Fatalf("policy has %d alternatives, want %d", len(alts), len(policyParams))
	}
	for _, a := range alts {
		a := a.(map[string]any)
		typ := a["title"].(string)
		props := a["properties"].(map[string]any)
		var names []string
		for k := range props {
			names = append(names, k)
		}
		slices.Sort(names)
		want := append([]string{"type"}, policyParams[typ]...)
		slices.Sort(want)
		if !slices.Equal(names, want) || a["additionalProperties"] != false {
			t.Errorf("policy %s takes %v (additionalProperties %v), want %v only", typ, names, a["additionalProperties"], want)
		}
		if c := props["type"].(map[string]any)["const"]; c != typ {
			t.Errorf("policy %s: type const %v", typ, c)
		}
	}
	if got := len(get("$defs", "Dist", "oneOf").([]any)); got != len(distParams)+1 {
		t.Errorf("distribution has %d alternatives, want %d types and a bare number", got, len(distParams))
	}
}

// schemaPython returns a Python interpreter with the jsonschema package,
// or "" if there is none: $SCSIM_SCHEMA_PYTHON if set, else python3 or
// Debian's /usr/bin/python3.
func schemaPython() string {
	candidates := []string{"python3", "/usr/bin/python3"}
	if py := os.Getenv("SCSIM_SCHEMA_PYTHON"); py != "" {
		candidates = []string{py}
	}
	for _, c := range candidates {
		if err := exec.Command(c, "-c", "import jsonschema; jsonschema.Draft202012Validator").Run(); err == nil {
			return c
		}
	}
	return ""
}

// validateWithSchema checks instances (name → JSON value) against Schema()
// with a real JSON Schema validator, Python's jsonschema, and returns each
// instance's errors. It skips the test when the validator is missing,
// unless SCSIM_SCHEMA_TEST=require, when it fails.
func validateWithSchema(t *testing.T, instances map[string]any) map[string][]string {
	t.Helper()
	py := schemaPython()
	if py == "" {
		if os.Getenv("SCSIM_SCHEMA_TEST") == "require" {
			t.Fatal("SCSIM_SCHEMA_TEST=require, and no JSON Schema validator is found: install python3 with the jsonschema package (Debian: python3-jsonschema), or set SCSIM_SCHEMA_PYTHON")
		}
		t.Skip("no JSON Schema validator (python3 with jsonschema; Debian: python3-jsonschema); set SCSIM_SCHEMA_TEST=require to fail instead")
	}
	dir := t.TempDir()
	schemaFile, instFile := filepath.Join(dir, "schema.json"), filepath.Join(dir, "instances.json")
	data, err := json.Marshal(instances)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(schemaFile, Schema(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(instFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(py, "testdata/schema_validate.py", schemaFile, instFile)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s testdata/schema_validate.py: %v\n%s", py, err, stderr.String())
	}
	var res map[string][]string
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("validator output: %v\n%s", err, out)
	}
	if len(res) != len(instances) {
		t.Fatalf("validator checked %d instances, want %d", len(res), len(instances))
	}
	return res
}

// yamlToJSON converts one YAML document to the JSON value an editor's
// schema check sees: mappings, lists, and scalars by their resolved tag
// (as scsim's decoder reads them). It fails where YAML cannot become JSON
// data: a syntax error, a duplicate key, a second document, .inf or .nan.
// An empty file is null.
func yamlToJSON(data []byte) (any, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("more than one YAML document (%v)", err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	budget := maxJSONValues
	return nodeToJSON(doc.Content[0], &budget)
}

// maxJSONValues is the most values yamlToJSON makes, aliases expanded:
// the schema validator would take minutes over the millions of values
// of the alias-budget file.
const maxJSONValues = 1_000_000

func nodeToJSON(n *yaml.Node, budget *int) (any, error) {
	if *budget--; *budget < 0 {
		return nil, fmt.Errorf("aliases expand to more than %d values", maxJSONValues)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return nodeToJSON(n.Alias, budget)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if _, dup := m[k.Value]; dup {
				return nil, fmt.Errorf("line %d: duplicate key %s", k.Line, k.Value)
			}
			v, err := nodeToJSON(n.Content[i+1], budget)
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		l := []any{}
		for _, e := range n.Content {
			v, err := nodeToJSON(e, budget)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool", "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, err
		}
		if f, ok := v.(float64); ok && (math.IsInf(f, 0) || math.IsNaN(f)) {
			return nil, fmt.Errorf("line %d: %s is not a JSON number", n.Line, n.Value)
		}
		return v, nil
	}
	return n.Value, nil
}

// The bad-input corpus, file by file, as the schema sees it. Every file in
// testdata/bad must be listed in exactly one of the three.
var (
	// badSchema are rejected by the schema, at these places (JSON
	// pointers): unknown fields, wrong kinds of value, unknown words,
	// simple bounds, missing fields, parameters of another policy or
	// distribution type, fields that exclude each other. Their other errors
	// need the rest of the file, as those of badSemantic.
	badSchema = map[string][]string{
		"anchors-merge":       {"(root)", "sites/0/stock/1/policy"}, // unknown top-level field; merge key
		"arrivals-daily":      {"sites/0/stock/0/demand/1/arrivals"},
		"backup":              {"sites/0/stock/0/backup", "sites/1/stock/0/backup", "sites/1/stock/0/backup/max_lead_time", "sites/2/stock/0/backup", "sites/2/stock/0/backup/share", "sites/3/stock/0/backup/rule"},
		"bad-dist":            {"sites/0/stock/0/demand/0/size", "sites/0/stock/0/demand/1/daily", "sites/0/stock/0/demand/2/daily", "suppliers/0/lead_time", "suppliers/1/lead_time", "suppliers/3/lead_time", "suppliers/4/lead_time"},
		"bad-lane":            {"sites/0/stock/0/lane/overtaking", "sites/0/stock/1/lane", "sites/0/stock/2/lane", "sites/1/stock/0/lane/overtaking", "sites/1/stock/0/lane/shipment", "sites/1/stock/0/lane/shipment_cost", "sites/1/stock/0/lane/transit", "sites/1/stock/0/lane/unit_cost", "sites/1/stock/1/lane/overtaking", "sites/1/stock/1/lane/shipment", "suppliers/0/capacity", "suppliers/2/capacity"},
		"bad-names":           {"items/0/name", "items/1/name", "items/2/name"},
		"beer":                {"sites/0/stock/0/lane/order_delay", "sites/1/stock/0/pipeline", "sites/1/stock/0/policy", "sites/1/stock/1/policy"},
		"bad-priority":        {"sites/1/stock/0/demand/0/priority", "sites/1/stock/0/demand/1/priority", "sites/1/stock/0/lane/priority"},
		"customers":           {"items/0/cancel_cost", "sites/0/stock/0/demand/0/accept_backorder", "sites/0/stock/0/demand/0/balk_wait", "sites/0/stock/0/demand/0/shipment", "sites/0/stock/0/demand/2/patience", "sites/0/stock/0/demand/4/substitute/discount", "sites/0/stock/0/demand/5/substitute"},
		"demand-rate-daily":   {"sites/0/stock/0/demand/0", "sites/0/stock/0/demand/1", "sites/0/stock/0/demand/2/stockout", "sites/0/stock/0/demand/3/rate"},
		"disruption":          {"sites/5/stock/0/lane/disruption", "suppliers/0/disruption", "suppliers/1/disruption/capacity", "suppliers/1/disruption/outages/2/duration", "suppliers/1/disruption/outages/2/start", "suppliers/1/disruption/outages/3", "suppliers/2/disruption/recovery_window", "suppliers/3/disruption", "suppliers/5/disruption"},
		"dropship-lost-sale":  {"sites/1/stock/0/policy"},
		"empty-file":          {"(root)"},
		"empty-network":       {"items", "sites", "suppliers"},
		"empty-site":          {"sites/0", "sites/0/type", "sites/1/stock"},
		"expedite":            {"sites/0/stock/0/lane/expedite", "sites/0/stock/0/lane/expedite/shipment_cost", "sites/0/stock/0/lane/expedite/unit_cost", "sites/1/stock/0/lane/expedite", "sites/1/stock/0/lane/expedite/backorders", "sites/1/stock/0/lane/expedite/transit"},
		"forecast":            {"sites/0/stock/0/policy", "sites/0/stock/1/policy", "sites/0/stock/2/policy", "sites/0/stock/3/policy", "sites/0/stock/4/policy"},
		"history":             {"sites/0/stock/0/demand/1/history/mode", "sites/0/stock/0/demand/3/history", "sites/0/stock/0/demand/4", "sites/0/stock/1/demand/1/history/block_days"},
		"holding-both":        {"items/0"},
		"long-key":            {"(root)", "items/0/unit_cost", "suppliers/0", "suppliers/0/name"},
		"number-range":        {"horizon", "items/0/unit_cost", "seed", "sites/0/stock/0/policy", "suppliers/0/lead_time"},
		"huge-levels":         {"sites/0/stock/0/initial", "sites/0/stock/0/policy"},
		"missing-required":    {"(root)", "items/0", "sites/0/stock/0", "suppliers/0"},
		"negative":            {"horizon", "items/0/backorder_cost", "items/0/lost_sale_cost", "items/0/order_cost", "items/0/price", "items/0/unit_cost", "seed", "sites/0/stock/0/demand/0/rate", "sites/0/stock/0/initial", "suppliers/0/lead_time", "warmup"},
		"not-a-mapping":       {"(root)"},
		"not-whole":           {"replications", "sites/0/stock/0/initial", "sites/0/stock/0/policy"},
		"periodic-no-period":  {"sites/0/stock/0/policy", "sites/0/stock/1/policy", "sites/0/stock/2/policy", "sites/0/stock/3/policy"},
		"policy-params":       {"sites/0/stock/0/policy", "sites/0/stock/2/policy"}, // not stock[1]: order_up_to <= reorder_point compares two fields
		"profile":             {"sites/0/stock/0/demand/0/profile/monthly/11", "sites/0/stock/0/demand/0/profile/promotions/0", "sites/0/stock/0/demand/0/profile/promotions/0/days", "sites/0/stock/0/demand/0/profile/promotions/0/multiplier", "sites/0/stock/0/demand/0/profile/promotions/1", "sites/0/stock/0/demand/0/profile/promotions/1/start", "sites/0/stock/0/demand/0/profile/promotions/2", "sites/0/stock/0/demand/0/profile/trend", "sites/0/stock/0/demand/0/profile/weekly", "sites/0/stock/0/demand/1/profile/weekly", "sites/0/stock/1/demand/0/profile/monthly"},
		"reserved-names":      {"items/0/name", "items/1/name", "items/2/name", "sites/0/name", "sites/1/name", "sites/2/name"},
		"safety-stock-review": {"sites/0/stock/0/policy", "sites/0/stock/1/policy"},
		"safety-stock-target": {"sites/0/stock/0/policy", "sites/0/stock/1/policy", "sites/0/stock/2/policy"},
		"stream-key":          {"sites/0/stock/0/demand/0/stream", "sites/0/stock/0/demand/1/stream", "sites/0/stock/1/demand/1/stream"},
		"time-unit":           {"time_unit"},
		"time-unit-week":      {"sites/0/stock/0/demand/0", "sites/0/stock/0/policy", "sites/1/stock/0/lane/order_delay", "sites/1/stock/0/policy", "suppliers/0/capacity", "suppliers/1"},
		"seed-range":          {"seed"},
		"error-flood":         floodPointers(150),
		"string-for-number":   {"horizon", "items/0/price", "items/0/unit_cost", "seed", "sites/0/stock/0/demand/0/rate", "sites/0/stock/0/policy", "suppliers/0/lead_time"},
		"unknown-field":       {"(root)", "items/0", "sites/0/stock/0/demand/0", "suppliers/0"},
		"unknown-policy-type": {"sites/0/stock/0/policy", "sites/0/stock/1/policy", "sites/0/stock/2/policy"},
		"vmi-limits":          {"sites/0/stock/1/policy", "sites/0/stock/3/policy"}, // not stock[0] (max > min) nor [2] (rounding)
		"vmi-review":          {"sites/0/stock/0/policy", "sites/0/stock/1/policy"},
		"warmup-horizon":      {"replications"}, // not warmup < horizon, which compares two fields
		"wrong-kind":          {"items", "sites/0/stock", "suppliers/0/lead_time"},
	}
	// badSemantic are valid as far as the schema can tell: their errors
	// need the rest of the file, the demand history files, or applying
	// the variants.
	badSemantic = map[string]string{
		"backup-cycle":           "a backup that depends on the site-item it backs up",
		"backup-network":         "a site backup source needs a transit; a drop-ship backup",
		"dead-site-item":         "a site-item with no demand that supplies no site",
		"dropship-source":        "initial stock of a drop-ship site-item; a drop-ship site as a source",
		"duplicate-names":        "names unique across the file",
		"eoq-costs":              "eoq needs costs of the item the stock entry names",
		"history-outside":        "demand history files outside the scenario's directory, or wrong inside",
		"lane-transit-missing":   "a site source needs a transit",
		"network-cycle":          "sources forming a cycle",
		"negative-reorder-point": "a reorder point below zero where a customer stream loses its sales",
		"source-lacks-item":      "a site source that does not stock the item",
		"unknown-reference":      "items and sources that do not exist",
		"unused-supplier":        "a supplier no stock entry names",
		"variant-bad-value":      "an override's value, checked by applying it",
		"variant-rename":         "an override that renames, checked by applying it",
		"variant-unknown-path":   "an override's path, checked against the file",
	}
	// badNotJSON cannot become JSON data. An editor's YAML layer reports
	// them before any schema check.
	badNotJSON = map[string]string{
		"alias-budget":  "aliases expanding beyond the decoder's limit of values: too large to convert (maxJSONValues)",
		"duplicate-key": "duplicate keys",
		"indent-dedent": "YAML indentation error",
		"indent-deeper": "YAML indentation error",
		"indent-list":   "YAML indentation error",
		"nan-inf":       ".inf and .nan are not JSON numbers",
		"syntax":        "YAML syntax error",
		"syntax-tab":    "YAML syntax error",
		"two-documents": "a second YAML document",
		"utf8":          "bytes that are not UTF-8",
		"variant-names": "a duplicate override path, a duplicate key",
	}
)

// floodPointers returns the pointers of the n items of error-flood.yaml,
// every one a list instead of a mapping.
func floodPointers(n int) []string {
	var p []string
	for i := range n {
		p = append(p, fmt.Sprintf("items/%d", i))
	}
	return p
}

// TestSchemaValidates checks the schema with a real validator: every
// bundled scenario and every complete example of the format reference
// validate, and the bad-input corpus is rejected exactly where the schema
// can tell.
func TestSchemaValidates(t *testing.T) {
	instances := map[string]any{}
	add := func(name string, data []byte) {
		v, err := yamlToJSON(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		instances[name] = v
	}
	for _, b := range Bundled() {
		data, _ := BundledYAML(b.Name)
		add("bundled:"+b.Name, data)
	}
	blocks := yamlBlocks(t, docFile)
	for _, b := range blocks {
		add(b.name, []byte(b.text))
	}
	bad, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil || len(bad) == 0 {
		t.Fatalf("no bad-input corpus: %v", err)
	}
	notJSON := map[string]error{}
	for _, f := range bad {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		v, err := yamlToJSON(data)
		if err != nil {
			notJSON[f] = err
			continue
		}
		instances[f] = v
	}
	res := validateWithSchema(t, instances)
	valid := 0
	for name, errs := range res {
		if !strings.HasPrefix(name, "testdata/") {
			if len(errs) > 0 {
				t.Errorf("%s does not validate against the schema:\n  %s", name, strings.Join(errs, "\n  "))
			}
			valid++
		}
	}
	if want := len(Bundled()) + len(blocks); valid != want || valid < 20 {
		t.Errorf("checked %d valid scenarios, want %d", valid, want)
	}
	for _, f := range bad {
		base := strings.TrimSuffix(filepath.Base(f), ".yaml")
		_, wantSchema := badSchema[base]
		_, wantSemantic := badSemantic[base]
		if n := btoi(wantSchema) + btoi(wantSemantic) + btoi(badNotJSON[base] != ""); n > 1 {
			t.Errorf("%s is classified %d times", f, n)
		}
		_, wantNotJSON := badNotJSON[base]
		errs := res[f]
		switch {
		case !wantSchema && !wantSemantic && !wantNotJSON:
			t.Errorf("%s is not classified (schema errors %q, not JSON: %v)", f, errs, notJSON[f])
		case wantNotJSON:
			if notJSON[f] == nil {
				t.Errorf("%s converts to JSON, want it not to (%s)", f, badNotJSON[base])
			}
		case notJSON[f] != nil:
			t.Errorf("%s does not convert to JSON: %v", f, notJSON[f])
		case wantSchema:
			var paths []string
			for _, e := range errs {
				p, _, _ := strings.Cut(e, ": ")
				if !slices.Contains(paths, p) {
					paths = append(paths, p)
				}
			}
			slices.Sort(paths)
			if want := slices.Sorted(slices.Values(badSchema[base])); !slices.Equal(paths, want) {
				t.Errorf("%s: the schema rejects\n  %s\nwant\n  %s\nerrors:\n  %s", f, strings.Join(paths, "\n  "), strings.Join(want, "\n  "), strings.Join(errs, "\n  "))
			}
		case wantSemantic && len(errs) > 0:
			t.Errorf("%s is rejected by the schema, want it valid as far as the schema can tell (%s):\n  %s", f, badSemantic[base], strings.Join(errs, "\n  "))
		}
		if testing.Verbose() {
			t.Logf("%s: %q %v", base, errs, notJSON[f])
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestSchemaAgreesWithScsim checks small files on both sides: the schema
// accepts what scsim accepts (empty values, numbers as names) and rejects,
// at the place given, what scsim rejects for reasons the schema can
// express.
func TestSchemaAgreesWithScsim(t *testing.T) {
	const base = `horizon: 100
items: [{name: w, holding_cost: 1, order_cost: 10}]
suppliers: [{name: f, lead_time: LEAD}]
sites:
  - name: SITE
    stock:
      - item: w
        source: f
        policy: POLICY
        demand: [DEMAND]
EXTRA`
	rq := "{type: rq, reorder_point: 5, order_quantity: 10}"
	cases := []struct {
		name, lead, site, policy, demand, extra string
		reject                                  string // the JSON pointer the schema rejects; "" for a valid file
	}{
		{name: "rq", policy: rq},
		{name: "rq with order_up_to", policy: "{type: rq, reorder_point: 5, order_quantity: 10, order_up_to: 20}", reject: "sites/0/stock/0/policy"},
		{name: "rq without order_quantity", policy: "{type: rq, reorder_point: 5}", reject: "sites/0/stock/0/policy"},
		{name: "sS periodic", policy: "{type: sS, reorder_point: 5, order_up_to: 20, review: periodic, review_period: 7}"},
		{name: "sS periodic without period", policy: "{type: sS, reorder_point: 5, order_up_to: 20, review: periodic}", reject: "sites/0/stock/0/policy"},
		{name: "base_stock continuous with period", policy: "{type: base_stock, order_up_to: 20, review_period: 7}", reject: "sites/0/stock/0/policy"},
		{name: "safety_stock continuous", policy: "{type: safety_stock, fill_rate: 0.95, order_quantity: 10}"},
		{name: "safety_stock periodic", policy: "{type: safety_stock, cycle_service_level: 0.9, review: periodic, review_period: 7}"},
		{name: "safety_stock periodic with Q", policy: "{type: safety_stock, cycle_service_level: 0.9, review: periodic, review_period: 7, order_quantity: 10}", reject: "sites/0/stock/0/policy"},
		{name: "forecast window", policy: "{type: forecast, window: 28, cycle_service_level: 0.9, order_quantity: 10}"},
		{name: "forecast alpha 0", policy: "{type: forecast, alpha: 0, cycle_service_level: 0.9, order_quantity: 10}", reject: "sites/0/stock/0/policy"},
		{name: "vmi days", policy: "{type: vmi, min_days: 2, max_days: 5, review_period: 1}"},
		{name: "vmi half a pair", policy: "{type: vmi, min: 2, review_period: 1}", reject: "sites/0/stock/0/policy"},
		{name: "eoq", policy: "{type: eoq, safety_stock: 3}"},
		{name: "unknown policy", policy: "{type: kanban}", reject: "sites/0/stock/0/policy"},
		{name: "gamma lead time", lead: "{type: gamma, mean: 4, sd: 1}", policy: rq},
		{name: "normal with max", lead: "{type: normal, mean: 4, max: 9}", policy: rq, reject: "suppliers/0/lead_time"},
		{name: "negative bare lead time", lead: "-1", policy: rq, reject: "suppliers/0/lead_time"},
		{name: "poisson size", policy: rq, demand: "{rate: 2, size: {type: poisson, mean: 3}}"},
		{name: "daily and an empty history", policy: rq, demand: "{daily: {type: poisson, mean: 3}, history: }"},
		{name: "daily and rate", policy: rq, demand: "{daily: 3, rate: 2}", reject: "sites/0/stock/0/demand/0"},
		{name: "unknown stockout", policy: rq, demand: "{rate: 2, stockout: lost}", reject: "sites/0/stock/0/demand/0/stockout"},
		{name: "substitute share", policy: rq, demand: "{rate: 2, substitute: {item: w, share: 2}}", reject: "sites/0/stock/0/demand/0/substitute/share"},
		{name: "empty lane, backup and initial", policy: rq, extra: "        lane:\n        backup:\n        initial:\n"},
		{name: "empty disruption", policy: rq, extra: "        lane: {disruption: }\n"},
		{name: "uptime and outages", policy: rq, extra: "        lane: {disruption: {uptime: 3, downtime: 1, outages: [{start: 1, duration: 2}]}}\n", reject: "sites/0/stock/0/lane/disruption"},
		{name: "a number as a name", site: "7", policy: rq},
		{name: "a name with a slash", site: "a/b", policy: rq, reject: "sites/0/name"},
		{name: "a string for a boolean", policy: rq, extra: "        lane: {overtaking: yes}\n", reject: "sites/0/stock/0/lane/overtaking"},
	}
	instances := map[string]any{}
	for _, c := range cases {
		r := strings.NewReplacer("LEAD", cmpOr(c.lead, "2"), "SITE", cmpOr(c.site, "s"), "POLICY", c.policy, "DEMAND", cmpOr(c.demand, "{rate: 2}"), "EXTRA", c.extra)
		text := r.Replace(base)
		_, err := parse(c.name+".yaml", []byte(text), fsFiles(bundled))
		if (err == nil) != (c.reject == "") {
			t.Errorf("%s: scsim says %v, want valid=%v\n%s", c.name, err, c.reject == "", text)
		}
		v, err := yamlToJSON([]byte(text))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		instances[c.name] = v
	}
	res := validateWithSchema(t, instances)
	for _, c := range cases {
		var paths []string
		for _, e := range res[c.name] {
			p, _, _ := strings.Cut(e, ": ")
			paths = append(paths, p)
		}
		switch {
		case c.reject == "" && len(paths) > 0:
			t.Errorf("%s: the schema rejects a valid file:\n  %s", c.name, strings.Join(res[c.name], "\n  "))
		case c.reject != "" && !slices.Equal(slices.Compact(paths), []string{c.reject}):
			t.Errorf("%s: the schema rejects %q, want %s:\n  %s", c.name, paths, c.reject, strings.Join(res[c.name], "\n  "))
		}
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
