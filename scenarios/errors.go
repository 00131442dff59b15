package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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

// maxExcerpt is how many characters of a value from a file an error
// message quotes.
const maxExcerpt = 64

// excerpt returns s quoted for a message as %q does (control characters,
// quotes and invalid UTF-8 escaped, such as \x1b), cut after max runes
// with the length of the whole: "abc…"…(100000 bytes)". Messages quote
// what came from a file only through excerpt or [clean], so that no error
// prints a whole file, or raw escape sequences to a terminal.
func excerpt(s string, max int) string {
	r := 0
	for i := range s {
		if r == max {
			return strconv.Quote(s[:i]) + fmt.Sprintf("…(%d bytes)", len(s))
		}
		r++
	}
	return strconv.Quote(s)
}

// clean returns s unquoted if it is at most maxExcerpt runes of printable
// text, as most names and field names are, and else its [excerpt]: for
// names printed bare, such as the keys of field paths.
func clean(s string) string {
	if utf8.RuneCountInString(s) <= maxExcerpt && utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) || r == '"' }) {
		return s
	}
	return excerpt(s, maxExcerpt)
}

// The bounds of a reported list: how many errors with the same message at
// the same place (a value reached through an alias from many places) are
// kept, and how many errors in all.
const (
	maxSamePlace = 3
	maxErrors    = 100
)

// limit returns the sorted list l bounded: at most maxSamePlace errors
// with one message at one place, the last of them saying how many more
// there were, and at most maxErrors errors, the last saying how many
// more, counting unrecorded errors not in l (see [maxCheckErrors]). It
// may modify l.
func (l ErrorList) limit(unrecorded int) ErrorList {
	type place struct {
		file      string
		line, col int
		msg       string
	}
	count := map[place]int{}
	for _, e := range l {
		count[place{e.File, e.Line, e.Col, e.Msg}]++
	}
	out := l[:0]
	seen := map[place]int{}
	for _, e := range l {
		p := place{e.File, e.Line, e.Col, e.Msg}
		seen[p]++
		switch n := seen[p]; {
		case n < maxSamePlace:
			out = append(out, e)
		case n == maxSamePlace:
			if more := count[p] - n; more > 0 {
				c := *e
				c.Msg += fmt.Sprintf(" (and %d more times at this place, through aliases)", more)
				e = &c
			}
			out = append(out, e)
		}
	}
	if len(out) > maxErrors || unrecorded > 0 && len(out) > 0 {
		keep := min(len(out), maxErrors-1)
		more := len(out) - keep + unrecorded
		last := out[min(keep, len(out)-1)]
		out = append(out[:keep], &Error{File: last.File, Line: last.Line, Col: last.Col,
			Msg: fmt.Sprintf("and %d more errors, not shown (the first %d are)", more, keep)})
	}
	return out
}
