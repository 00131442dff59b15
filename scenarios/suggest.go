package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"scsim/model"
)

// suggest returns "did you mean x?" naming the candidates closest to word,
// or, when none is close, "<label>: a, b, c" listing them all.
//
// Names are printed through [clean]: a name with control characters, or a
// very long one, is quoted and escaped.
func suggest(word string, candidates []string, label string) string {
	if c := Closest(word, candidates, maxTypo); len(c) > 0 {
		return "did you mean " + strings.Join(cleaned(c), " or ") + "?"
	}
	candidates = cleaned(candidates)
	if len(candidates) > maxListed {
		return fmt.Sprintf("%s: %s, ... (%d more)", label, strings.Join(candidates[:maxListed], ", "), len(candidates)-maxListed)
	}
	return label + ": " + strings.Join(candidates, ", ")
}

// maxTypo is the most edits from a name the scenario messages suggest it
// for.
const maxTypo = 3

// maxListed is how many candidates suggest lists when none is close.
const maxListed = 12

// Closest returns the candidates nearest to word in edit distance,
// ignoring case, if they are near enough to be a plausible typo: at most
// maxEdits edits, and fewer edits than word has letters. The result is
// sorted. Scenario messages allow 3 ("shop" suggests store).
func Closest(word string, candidates []string, maxEdits int) []string {
	w := strings.ToLower(word)
	best, out := maxEdits, []string(nil)
	for _, c := range candidates {
		d := editDistance(w, strings.ToLower(c))
		if d > maxEdits || d >= len([]rune(w)) && d > 0 {
			continue
		}
		switch {
		case d < best:
			best, out = d, []string{c}
		case d == best:
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// cleaned returns the names passed through [clean], in a new slice.
func cleaned(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = clean(n)
	}
	return out
}

// MetricHint returns "did you mean total_cost? " when key is a likely
// typo of the keys of [model.Metrics] (the nearest within two edits, as
// for field names), or "": for messages about an unknown metric that then
// list every metric, such as those of --minimize and --subject-to.
func MetricHint(key string) string {
	keys := make([]string, len(model.Metrics))
	for i, m := range model.Metrics {
		keys[i] = m.Key
	}
	if c := Closest(key, keys, maxTypo); len(c) > 0 {
		return "did you mean " + strings.Join(cleaned(c), " or ") + "? "
	}
	return ""
}
