package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem found in a scenario, with the position of the value
// (or key) it concerns. Line and Col are 1-based; Line 0 means the position
// is unknown, for example in a Scenario built in Go rather than parsed.
type Error struct {
	File      string
	Line, Col int
	// Field is the path of the offending field, such as
	// "sites[0].stock[1].policy.reorder_point"; empty for errors that concern
	// the file as a whole, such as YAML syntax errors.
	Field string
	Msg   string
}

// Error formats e as "file:line:col: field.path: message", leaving out the
// parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is a list of scenario errors, sorted by position once complete.
// Callers get at it with errors.As.
type ErrorList []*Error

// Error joins the errors' texts with newlines, one error per line.
func (l ErrorList) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Err returns l as an error, or nil if l is empty. Use it rather than
// returning l directly, which would give a non-nil error holding no errors.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// sort orders l by file, line and column, keeping the order in which errors
// at the same position were found.
func (l ErrorList) sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}
