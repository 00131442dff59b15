package scenarios

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"scsim/model"
)

// History reads a demand stream's customer orders from a CSV file of past
// demand, instead of drawing them (see [model.Demand]):
//
//	date,item,site,quantity
//	2024-01-01,widget,store,12
//
// The file has a header row naming its columns, in any order: date, item,
// quantity and, optionally, site. A date is an ISO date YYYY-MM-DD (the
// earliest date in the file is day 0) or a day number >= 0 (used as it
// is), the same kind in every row. Each row is one customer order of
// quantity units (a whole number >= 0; 0 is no order) at the middle of its
// day. The stream takes the rows of its site-item's item whose site is its
// site or empty (or every row of the item, without a site column).
type History struct {
	// File is the CSV file's path, relative to the scenario file's
	// directory (for a bundled scenario, among the bundled files).
	// Required.
	File string `yaml:"file"`
	// Mode is "replay" (the history as it is, once; the stream stops at
	// its end) or "bootstrap" (a circular block bootstrap: blocks of
	// BlockDays consecutive days drawn at random, so that each replication
	// differs). Default "replay".
	Mode string `yaml:"mode"`
	// BlockDays is the bootstrap's block length in days, from 1 to the
	// history's length; only with mode bootstrap. Default 7.
	BlockDays int64 `yaml:"block_days"`
}

// The history modes and the bootstrap's default block.
var historyModes = []string{"bootstrap", "replay"}

const defaultBlockDays = 7

// files reads the files a scenario refers to, relative to its own file,
// and keeps what it parsed. It is shared by a scenario and the variants
// made from it, and safe for concurrent use.
type files struct {
	// read returns the contents of the file at name (slash-separated,
	// relative to the scenario's directory unless absolute) and the path
	// to show in messages.
	read func(name string) ([]byte, string, error)
	mu   sync.Mutex
	csv  map[string]*demandFile
}

// osFiles reads files relative to the directory of the scenario file
// named file: inside it unless [AllowAnyPath] (see there), regular files
// of at most [MaxHistoryBytes] only.
func osFiles(file string) *files {
	dir := filepath.Dir(file)
	return &files{read: func(name string) ([]byte, string, error) {
		p := filepath.FromSlash(name)
		shown := p
		if !filepath.IsAbs(p) {
			shown = filepath.Join(dir, p)
		}
		if anyPathAllowed() {
			data, err := readFile(shown, MaxHistoryBytes, "demand history file")
			return data, shown, err
		}
		data, err := readInside(dir, p, MaxHistoryBytes, "demand history file")
		return data, shown, err
	}}
}

// fsFiles reads files from fsys, for bundled scenarios.
func fsFiles(fsys fs.FS) *files {
	return &files{read: func(name string) ([]byte, string, error) {
		p := path.Clean(name)
		if !fs.ValidPath(p) {
			return nil, name, errOutside
		}
		data, err := fs.ReadFile(fsys, p)
		if err == nil && len(data) > MaxHistoryBytes {
			data, err = nil, fmt.Errorf("too large: %s, above the limit of %s for a demand history file", byteSize(int64(len(data))), byteSize(MaxHistoryBytes))
		}
		return data, p, err
	}}
}

// demandFile is a parsed demand history file: its rows, or the errors
// found in it.
type demandFile struct {
	path  string            // as shown in messages
	sum   [sha256.Size]byte // of the file's content, for fingerprints
	rows  []demandRow
	names []string // of items and sites, indexed by the rows; names[0] is ""
	span  int64    // days from day 0 to the last day, inclusive
	errs  ErrorList
	err   error // the file could not be read
}

// demandRow is one row: an order of qty units of item at site on day,
// item and site indexing the file's names. It is small, as a file may
// hold millions of rows.
type demandRow struct {
	day        int32
	item, site int32
	qty        int32
}

// demandFile returns the parsed file called name, reading it once.
func (f *files) demandFile(name string) *demandFile {
	f.mu.Lock()
	defer f.mu.Unlock()
	if df, ok := f.csv[name]; ok {
		return df
	}
	data, p, err := f.read(name)
	df := &demandFile{path: p}
	if err != nil {
		df.err = err
	} else {
		df.sum = sha256.Sum256(data)
		df.parse(data)
	}
	if f.csv == nil {
		f.csv = map[string]*demandFile{}
	}
	f.csv[name] = df
	return df
}

// The limits of a demand history file.
const (
	maxCSVErrors  = 10        // errors reported per file
	maxCSVExcerpt = 32        // characters of a field quoted in an error
	maxQuantity   = 1e9       // units in one row
	maxDayNumber  = 1_000_000 // about 2,700 years
	maxCSVRows    = 4_000_000 // rows of orders in one file
	isoDateLayout = "2006-01-02"
)

// csvColumns are the columns of a demand history file, required first.
var csvColumns = []string{"date", "item", "quantity", "site"}

// parse reads the CSV text, collecting at most maxCSVErrors errors. A
// UTF-8 byte order mark at the start is skipped. Errors quote the file's
// text only as a short excerpt of the field they concern, and name the
// column as their Field: "history.csv:17:12: quantity: expected ...".
func (df *demandFile) parse(data []byte) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.TrimLeadingSpace = true
	r.ReuseRecord = true
	failIn := func(field string, line, col int, format string, args ...any) bool {
		if len(df.errs) >= maxCSVErrors {
			return false
		}
		df.errs = append(df.errs, &Error{File: df.path, Line: max(line, 1), Col: max(col, 1), Field: field, Msg: fmt.Sprintf(format, args...)})
		return len(df.errs) < maxCSVErrors
	}
	fail := func(line, col int, format string, args ...any) bool {
		return failIn("", line, col, format, args...)
	}
	df.names = []string{""}
	index := map[string]int32{"": 0}
	intern := func(s string) int32 {
		if i, ok := index[s]; ok {
			return i
		}
		i := int32(len(df.names))
		s = strings.Clone(s)
		df.names = append(df.names, s)
		index[s] = i
		return i
	}
	read := func() ([]string, bool) {
		rec, err := r.Read()
		if err == io.EOF {
			return nil, false
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			fail(pe.Line, pe.Column, "CSV: %v", pe.Err)
			return nil, false
		}
		if err != nil {
			fail(1, 1, "CSV: %v", err)
			return nil, false
		}
		return rec, true
	}
	head, ok := read()
	if !ok {
		if len(df.errs) == 0 {
			fail(1, 1, "empty file: expected a header row naming the columns date, item, quantity and optionally site")
		}
		return
	}
	known := 0
	for _, name := range head {
		if slices.Contains(csvColumns, strings.ToLower(strings.TrimSpace(name))) {
			known++
		}
	}
	if known == 0 { // not a demand history: quote nothing of it
		fail(1, 1, "the first row is not a header row: it names none of the columns date, item, quantity and site (is this a demand history CSV file?)")
		return
	}
	col := map[string]int{}
	for i, name := range head {
		line, c := r.FieldPos(i)
		name = strings.ToLower(strings.TrimSpace(name))
		switch {
		case !slices.Contains(csvColumns, name):
			fail(line, c, "unknown column %s in the header row (expected date, item, quantity and optionally site)", excerpt(head[i], maxCSVExcerpt))
		case col[name] > 0:
			fail(line, c, "duplicate column %s in the header row", excerpt(name, maxCSVExcerpt))
		default:
			col[name] = i + 1
		}
	}
	for _, name := range csvColumns[:3] {
		if col[name] == 0 {
			fail(1, 1, "the header row lacks the column %q (expected date, item, quantity and optionally site)", name)
		}
	}
	if len(df.errs) > 0 {
		return
	}
	dateKind := ""  // "iso" or "day", from the first row
	var first int32 // the earliest day, once a row is kept
	df.rows = make([]demandRow, 0, min(bytes.Count(data, []byte("\n")), maxCSVRows))
	for {
		rec, ok := read()
		if !ok {
			break
		}
		line, _ := r.FieldPos(0)
		field := func(name string) (string, int) {
			i := col[name] - 1
			_, c := r.FieldPos(i)
			return strings.TrimSpace(rec[i]), c
		}
		row := demandRow{}
		good := true
		bad := func(field string, c int, format string, args ...any) {
			failIn(field, line, c, format, args...)
			good = false
		}
		date, c := field("date")
		kind := "day"
		if strings.Count(date, "-") == 2 {
			kind = "iso"
		}
		if dateKind == "" {
			dateKind = kind
		}
		switch {
		case kind != dateKind && dateKind == "iso":
			bad("date", c, "expected an ISO date YYYY-MM-DD like the first row's, got %s", excerpt(date, maxCSVExcerpt))
		case kind != dateKind:
			bad("date", c, "expected a day number like the first row's, got %s", excerpt(date, maxCSVExcerpt))
		case kind == "iso":
			t, err := time.Parse(isoDateLayout, date)
			if err != nil {
				bad("date", c, "expected an ISO date YYYY-MM-DD (years 0000 to 9999), got %s", excerpt(date, maxCSVExcerpt))
				break
			}
			row.day = int32(t.Unix() / 86400) // exact, also before 1970: t is a UTC midnight
		default:
			n, err := strconv.ParseInt(date, 10, 64)
			if err != nil || n < 0 || n > maxDayNumber {
				bad("date", c, "expected a day number from 0 to %d or an ISO date YYYY-MM-DD, got %s", maxDayNumber, excerpt(date, maxCSVExcerpt))
				break
			}
			row.day = int32(n)
		}
		item, c := field("item")
		if item == "" {
			bad("item", c, "expected an item name, got an empty field")
		}
		row.item = intern(item)
		if col["site"] > 0 {
			site, _ := field("site")
			row.site = intern(site)
		}
		qty, c := field("quantity")
		n, err := strconv.ParseInt(qty, 10, 64)
		if err != nil || n < 0 || n > maxQuantity {
			bad("quantity", c, "expected a whole number of units from 0 to %d, got %s", int64(maxQuantity), excerpt(qty, maxCSVExcerpt))
		}
		row.qty = int32(n)
		if len(df.errs) >= maxCSVErrors {
			return
		}
		if good && len(df.rows) == maxCSVRows {
			fail(line, 1, "more than %d rows of orders, the limit for a demand history file", maxCSVRows)
			return
		}
		if good {
			if len(df.rows) == 0 || row.day < first {
				first = row.day
			}
			df.rows = append(df.rows, row)
		}
	}
	if len(df.errs) > 0 {
		return
	}
	if len(df.rows) == 0 {
		fail(2, 1, "no rows after the header: expected rows of date, item, quantity and optionally site")
		return
	}
	if dateKind == "iso" {
		for i := range df.rows {
			df.rows[i].day -= first
		}
	}
	for _, row := range df.rows {
		df.span = max(df.span, int64(row.day)+1)
	}
	if df.span > maxDayNumber {
		fail(1, 1, "the dates span %d days, more than the limit of %d", df.span, maxDayNumber)
	}
}

// history checks a demand stream's history at path p, of item at site,
// reading its file; it returns the model history, or nil after reporting
// an error.
func (v *validator) history(p string, h *History, site, item string) *model.History {
	switch {
	case h.Mode == "" || h.Mode == "replay":
		if v.givenAt(p, ".block_days", h.BlockDays != 0) {
			v.errorf(p+".block_days", "applies only with mode: bootstrap; a replay takes the history as it is")
		}
	case h.Mode == "bootstrap":
		if v.givenAt(p, ".block_days", h.BlockDays != 0) && h.BlockDays < 1 {
			v.errorf(p+".block_days", "must be >= 1 %s, got %d", v.day(), h.BlockDays)
			return nil
		}
	default:
		v.oneOf(p+".mode", "history mode", h.Mode, historyModes)
	}
	if h.File == "" {
		v.errorf(p+".file", "required: the path of a CSV file of past demand (columns date, item, quantity and optionally site), relative to the scenario file")
		return nil
	}
	if v.s.files == nil {
		v.s.files = osFiles(v.s.File)
	}
	df := v.s.files.demandFile(h.File)
	if df.err != nil {
		v.errorf(p+".file", "cannot read the demand history %s: %v", clean(df.path), unwrapPath(df.err))
		return nil
	}
	if len(df.errs) > 0 {
		if !v.reported[df.path] { // once per file, as copies: attribution changes them
			for _, e := range df.errs {
				c := *e
				v.errs = append(v.errs, &c)
			}
			if v.reported == nil {
				v.reported = map[string]bool{}
			}
			v.reported[df.path] = true
		}
		return nil
	}
	it := int32(slices.Index(df.names, item))
	st := int32(slices.Index(df.names, site))
	mine := func(r demandRow) bool { return r.item == it && (r.site == 0 || r.site == st) }
	n := 0
	for _, row := range df.rows {
		if mine(row) {
			n++
		}
	}
	if n == 0 {
		items := map[int32]bool{}
		for _, row := range df.rows {
			items[row.item] = true
		}
		var names []string
		for i := range items {
			names = append(names, clean(df.names[i]))
		}
		slices.Sort(names)
		v.errorf(p+".file", "%s has no rows of item %s at site %s (%s)", clean(df.path), item, site, suggest(item, names, "items in the file"))
		return nil
	}
	days, qty := make([]int64, 0, n), make([]int64, 0, n)
	for _, row := range df.rows {
		if mine(row) {
			days = append(days, int64(row.day))
			qty = append(qty, int64(row.qty))
		}
	}
	mh, err := model.NewHistory(days, qty, df.span)
	if err != nil {
		v.errorf(p+".file", "%s: %v", clean(df.path), err)
		return nil
	}
	if b := h.block(); b > mh.Days() {
		v.errorf(p+".block_days", "must be at most the history's %d %s, got %d", mh.Days(), v.days(), b)
		return nil
	}
	return mh
}

// unwrapPath drops the operation and path of a file error, which the
// message gives already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// block returns the bootstrap's block length, or 0 for a replay.
func (h *History) block() int {
	if h.Mode != "bootstrap" {
		return 0
	}
	if h.BlockDays == 0 {
		return defaultBlockDays
	}
	return int(h.BlockDays)
}
