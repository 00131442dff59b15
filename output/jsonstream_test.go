package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// streamInner has what the streamer takes apart and what it leaves to
// encoding/json.
type streamInner struct {
	Name  string             `json:"name"`
	Tags  []string           `json:"tags"`
	Opt   *float64           `json:"opt,omitempty"`
	Skip  int                `json:"-"`
	Empty []int              `json:"empty,omitempty"`
	Map   map[string]float64 `json:"map"`
	Raw   json.RawMessage    `json:"raw,omitempty"`
	hide  int
}

type streamEmbedded struct{ A int }

type streamWithEmbedded struct {
	streamEmbedded
	B string `json:"b"`
}

type streamPtrMarshaler struct{ v int }

func (p *streamPtrMarshaler) MarshalJSON() ([]byte, error) {
	return []byte(`{"ptr":` + strings.Repeat("1", p.v) + `}`), nil
}

type streamDoc struct {
	Schema   string               `json:"schema"`
	Inner    streamInner          `json:"inner"`
	Items    []streamInner        `json:"items"`
	None     []streamInner        `json:"none"`
	Zero     []streamInner        `json:"zero"`
	Nested   [][]int              `json:"nested"`
	Pointer  *streamInner         `json:"pointer"`
	Nil      *streamInner         `json:"nil"`
	Metrics  metricsObject        `json:"metrics"`
	Embedded []streamWithEmbedded `json:"embedded"`
	Marshal  []streamPtrMarshaler `json:"marshal"`
	Any      any                  `json:"any"`
	Bytes    []byte               `json:"bytes"`
	Html     string               `json:"html"`
	NoTag    int
	Count    int `json:"count,omitempty"`
	hide     int
}

// TestEncodeJSONStreamsSameBytes: the streamed document has the bytes of
// json.Encoder with two-space indentation and no HTML escaping, for
// structs, slices (empty, nil, nested), pointers, omitted members, maps,
// types with MarshalJSON (on the value or the pointer), embedded fields
// and interfaces.
func TestEncodeJSONStreamsSameBytes(t *testing.T) {
	one := 1.5
	in := streamInner{Name: "a<b>&c", Tags: []string{"x", "y"}, Opt: &one, Skip: 3, Map: map[string]float64{"z": 1, "a": 2}, Raw: json.RawMessage(`{"k": [1, 2]}`)}
	doc := streamDoc{
		Schema:   "s",
		Inner:    in,
		Items:    []streamInner{in, {Tags: []string{}}, {}},
		Zero:     []streamInner{},
		Nested:   [][]int{{1, 2}, {}, nil},
		Pointer:  &in,
		Metrics:  metricsObject{&[model.NumMetrics]stats.Estimate{}, []int{0, 2}},
		Embedded: []streamWithEmbedded{{streamEmbedded{7}, "b"}},
		Marshal:  []streamPtrMarshaler{{2}},
		Any:      []any{in, 3, "q"},
		Bytes:    []byte("hi"),
		Html:     "<&>",
		NoTag:    4,
	}
	for _, v := range []any{doc, &doc, in, []int{}, []int{1}, 3, "x", streamDoc{}} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := encodeJSON(&got, v, "test"); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%T: streamed\n%s\nwant\n%s", v, got.String(), want.String())
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestEncodeJSONError: a failing writer and a value encoding/json
// refuses both give an error naming the output.
func TestEncodeJSONError(t *testing.T) {
	if err := encodeJSON(failWriter{}, struct{ A int }{1}, "sweep json"); err == nil || !strings.Contains(err.Error(), "write sweep json: disk full") {
		t.Errorf("failing writer: %v", err)
	}
	if err := encodeJSON(&bytes.Buffer{}, struct{ C chan int }{}, "json"); err == nil || !strings.HasPrefix(err.Error(), "write json: ") {
		t.Errorf("unencodable value: %v", err)
	}
}
