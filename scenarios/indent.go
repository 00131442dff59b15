package scenarios

import (
	"fmt"
	"regexp"
	"strings"
)

// indentMessages are yaml.v3's syntax errors that a mis-indented line
// causes. yaml.v3 reports them at the line where the block it was reading
// began, often lines before the mistake, so [misindented] looks for the
// line itself.
var indentMessages = []string{
	"did not find expected '-' indicator",
	"did not find expected key",
	"mapping values are not allowed in this context",
	"block sequence entries are not allowed in this context",
	"could not find expected ':'",
	"did not find expected node content",
}

// openerLine matches a block mapping key with no value on its line (its
// value is the block below), with an optional anchor or tag and comment.
var openerLine = regexp.MustCompile(`^[^#\s][^#]*?:(\s+[&!]\S+)*\s*(#.*)?$`)

// blockScalarLine matches a key whose value is a literal or folded block
// scalar: the lines below, indented more, are its text.
var blockScalarLine = regexp.MustCompile(`:\s+[|>][-+0-9]*\s*(#.*)?$`)

// indentLevel is a block open at some point of the file: the column of
// its keys (a mapping) or of its entries' dashes (a list).
type indentLevel struct {
	col  int // 0-based
	seq  bool
	line int    // 1-based line that opened it
	what string // its first key, for messages
}

// misindented returns the first line of data whose indentation matches
// no block open at that point, as an error, or nil if every line fits.
// It reads block YAML line by line, as scenario files are written; flow
// collections spanning lines and block scalars are skipped.
func misindented(file string, data []byte) *Error {
	lines := strings.Split(string(data), "\n")
	// a sentinel below the document's own top level, which its first
	// line opens like a key's block
	stack := []indentLevel{{col: -1}}
	opened := true // the previous line was a key whose block follows
	scalarAt := -1 // inside a block scalar of a key at this column
	flowDepth := 0 // open [ and { of a flow collection spanning lines
	for n, raw := range lines {
		line := strings.TrimRight(raw, " \r")
		text := strings.TrimLeft(line, " ")
		col := len(line) - len(text)
		if text == "" || text[0] == '#' {
			continue
		}
		if scalarAt >= 0 {
			if col > scalarAt {
				continue
			}
			scalarAt = -1
		}
		if flowDepth > 0 {
			flowDepth += brackets(text)
			continue
		}
		if text == "---" || text == "..." {
			stack, opened = stack[:1], true
			continue
		}
		dash := text == "-" || strings.HasPrefix(text, "- ")
		child := false // the line starts the block its previous line opened
		if opened {
			opened = false
			top := stack[len(stack)-1]
			if col > top.col || col == top.col && dash && !top.seq {
				stack = append(stack, indentLevel{col: col, seq: dash, line: n + 1, what: keyOf(text)})
				child = true
			}
		}
		if !child {
			open := stack
			for len(stack) > 2 {
				top, below := stack[len(stack)-1], stack[len(stack)-2]
				if top.col > col || top.col == col && top.seq && !dash && below.col == col {
					stack = stack[:len(stack)-1]
					continue
				}
				break
			}
			if top := stack[len(stack)-1]; top.col != col || top.seq != dash {
				return indentError(file, n+1, col, text, open, dash)
			}
		}
		// the entries of a list open a mapping at the column of their
		// first key: "- name: a" keeps its siblings at that column
		rest, c := text, col
		for rest == "-" || strings.HasPrefix(rest, "- ") {
			t := strings.TrimLeft(rest[1:], " ")
			c += len(rest) - len(t)
			rest = t
			if rest != "" && rest[0] != '#' {
				stack = append(stack, indentLevel{col: c, seq: rest == "-" || strings.HasPrefix(rest, "- "), line: n + 1, what: keyOf(rest)})
			}
		}
		switch {
		case rest == "" || rest[0] == '#' || openerLine.MatchString(rest):
			opened = true
		case blockScalarLine.MatchString(rest):
			scalarAt = col
		default:
			flowDepth = brackets(rest)
		}
	}
	return nil
}

// brackets returns the balance of [ and { over ] and } in a line, outside
// quotes and comments.
func brackets(s string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || s[i-1] == ' '):
			return max(depth, 0)
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		}
	}
	return max(depth, 0)
}

// keyOf returns the key a line starts with ("price" of "price: 3"), or
// the line itself, shortened.
func keyOf(text string) string {
	if k, _, ok := strings.Cut(text, ":"); ok && !strings.ContainsAny(k, "{[\"'") {
		return strings.TrimSpace(k)
	}
	return brief(text)
}

// indentError describes the mis-indented line n (1-based) at column col
// (0-based), with the blocks open before it.
func indentError(file string, n, col int, text string, open []indentLevel, dash bool) *Error {
	what := fmt.Sprintf("key %q", keyOf(text))
	if dash {
		what = fmt.Sprintf("list entry %q", brief(text))
	}
	// the nearest blocks of the right kind, deeper and shallower
	var hints []string
	deeper, shallower := -1, -1
	for i, l := range open {
		switch {
		case l.seq != dash || l.col < 0:
		case l.col > col && (deeper < 0 || l.col <= open[deeper].col):
			deeper = i
		case l.col < col && (shallower < 0 || l.col >= open[shallower].col):
			shallower = i
		}
	}
	for _, i := range []int{deeper, shallower} {
		if i < 0 {
			continue
		}
		l := open[i]
		switch {
		case l.seq:
			hints = append(hints, fmt.Sprintf("%d, like the list's entries at line %d", l.col, l.line))
		case i == 1:
			hints = append(hints, fmt.Sprintf("%d, like the top-level keys", l.col))
		default:
			hints = append(hints, fmt.Sprintf("%d, like %q at line %d", l.col, l.what, l.line))
		}
	}
	msg := fmt.Sprintf("YAML indentation error: %s is indented %d spaces, which matches no open block", what, col)
	if len(hints) > 0 {
		msg += "; indent it " + strings.Join(hints, ", or ")
	}
	return &Error{File: file, Line: n, Col: col + 1, Msg: msg}
}
