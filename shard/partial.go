package shard

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"scsim/model"
)

// Format names the version of the partial-result format.
const Format = "scsim/partial/v1"

// Ext is how a partial file's name ends.
const Ext = ".part.jsonl.gz"

// Header is the first line of a partial file.
type Header struct {
	Format  string `json:"format"` // [Format]
	Version string `json:"scsim"`  // scsim's version that wrote it
	// Command is the scsim command ("sweep") and Args its flags that
	// affect the results (each "--name=value") and its arguments after
	// "--": what the merge runs again, reading the results from the parts.
	Command string   `json:"command"`
	Args    []string `json:"args"`
	// Run identifies the sharded command: a hash of the command, its
	// arguments and the shard count. Every part of one run has it.
	Run string `json:"run"`
	// Stage counts the command's batches of runs: 0 but for optimize,
	// whose search evaluates one batch after another.
	Stage  int `json:"stage"`
	Shard  int `json:"shard"`
	Shards int `json:"shards"`
	// Seed and Replications are those of the first job, for people.
	Seed         uint64 `json:"seed"`
	Replications int    `json:"replications"`
	// Jobs are the stage's scenarios (a run, a variant, a sweep point, a
	// case), in the command's order; the work units are every
	// replication of every job, Units of them.
	Jobs  []Job `json:"jobs"`
	Units int   `json:"units"`
	// Records is how many of them this shard carries.
	Records int `json:"records"`
	// Fields names the counters of each result, in the order written.
	Fields []string `json:"fields"`
}

// Job is one scenario of a stage.
type Job struct {
	Name         string  `json:"name"`
	Fingerprint  string  `json:"fingerprint"`
	Seed         uint64  `json:"seed"`
	Replications int     `json:"replications"`
	Weight       float64 `json:"weight"` // estimated events of one replication
}

type trailer struct {
	End     string `json:"end"` // [Format]
	Records int    `json:"records"`
	SHA256  string `json:"sha256"`
}

// Name is the file name of part k of n of a stage.
func Name(stage, k, n int) string {
	w := max(4, len(fmt.Sprint(n)))
	return fmt.Sprintf("part-%04d-%0*d-of-%0*d%s", stage, w, k, w, n, Ext)
}

// Writer writes one partial file: to a temporary file beside it, renamed
// into place by Close, so that a reader never sees half of a part.
type Writer struct {
	path    string
	tmp     *os.File
	zw      *gzip.Writer
	bw      *bufio.Writer
	sum     hash
	records int
	want    int
	line    []byte
}

type hash interface {
	io.Writer
	Sum([]byte) []byte
}

// Create starts the part h describes at path.
func Create(path string, h *Header) (*Writer, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return nil, fmt.Errorf("write part %s: %w", path, err)
	}
	zw := gzip.NewWriter(tmp)
	w := &Writer{path: path, tmp: tmp, zw: zw, bw: bufio.NewWriterSize(zw, 1<<16), sum: sha256.New(), want: h.Records}
	hb, err := json.Marshal(h)
	if err != nil {
		w.Abort()
		return nil, err
	}
	if err := w.writeLine(hb); err != nil {
		w.Abort()
		return nil, err
	}
	return w, nil
}

func (w *Writer) writeLine(b []byte) error {
	b = append(b, '\n')
	w.sum.Write(b)
	_, err := w.bw.Write(b)
	return err
}

// Write adds the result of replication rep of job j.
func (w *Writer) Write(j, rep int, r *model.Result) error {
	var err error
	if w.line, err = AppendRecord(w.line[:0], j, rep, r); err != nil {
		return err
	}
	w.records++
	return w.writeLine(w.line)
}

// Close writes the trailer and moves the file into place.
func (w *Writer) Close() error {
	if w.records != w.want {
		w.Abort()
		return fmt.Errorf("write part %s: %d records written, the header says %d", w.path, w.records, w.want)
	}
	tb, _ := json.Marshal(trailer{End: Format, Records: w.records, SHA256: hex.EncodeToString(w.sum.Sum(nil))})
	tb = append(tb, '\n')
	_, err := w.bw.Write(tb)
	err = errors.Join(err, w.bw.Flush(), w.zw.Close(), w.tmp.Sync(), w.tmp.Chmod(0o644), w.tmp.Close())
	if err == nil {
		err = os.Rename(w.tmp.Name(), w.path)
	}
	if err != nil {
		os.Remove(w.tmp.Name())
		return fmt.Errorf("write part %s: %w", w.path, err)
	}
	return nil
}

// Abort removes the temporary file.
func (w *Writer) Abort() {
	w.tmp.Close()
	os.Remove(w.tmp.Name())
}

// Reader reads a partial file, one record at a time.
type Reader struct {
	Path    string
	Header  Header
	f       *os.File
	zr      *gzip.Reader
	br      *bufio.Reader
	sum     hash
	records int
	line    int
}

// Open opens the partial file at path and reads its header.
func Open(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r := &Reader{Path: path, f: f, sum: sha256.New()}
	if r.zr, err = gzip.NewReader(bufio.NewReader(f)); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: not a partial file (%s, gzip'd JSON lines): %v", path, Format, err)
	}
	r.br = bufio.NewReaderSize(r.zr, 1<<16)
	b, err := r.next()
	if err != nil {
		r.Close()
		return nil, err
	}
	r.sum.Write(b)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r.Header); err != nil || r.Header.Format != Format {
		r.Close()
		if err == nil {
			return nil, fmt.Errorf("%s:1: format %q, this scsim reads %s", path, r.Header.Format, Format)
		}
		return nil, fmt.Errorf("%s:1: not a %s header: %v", path, Format, err)
	}
	return r, nil
}

// next reads a line, adding it to the checksum.
func (r *Reader) next() ([]byte, error) {
	r.line++
	b, err := r.br.ReadBytes('\n')
	if err != nil {
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%s:%d: truncated: the file ends before its trailer (a shard that did not finish, or a partial copy)", r.Path, r.line)
		}
		return nil, fmt.Errorf("%s:%d: corrupt: %v", r.Path, r.line, err)
	}
	return b, nil
}

// Next returns the next record: the job, the replication and its result;
// io.EOF after the trailer, once the record count and checksum are
// checked and the gzip stream ends there.
func (r *Reader) Next() (j, rep int, res *model.Result, err error) {
	b, err := r.next()
	if err != nil {
		return 0, 0, nil, err
	}
	if bytes.HasPrefix(b, []byte(`{"end":`)) {
		var t trailer
		body := hex.EncodeToString(r.sum.Sum(nil))
		if err := json.Unmarshal(b, &t); err != nil || t.End != Format {
			return 0, 0, nil, fmt.Errorf("%s:%d: corrupt trailer", r.Path, r.line)
		}
		if t.Records != r.records || t.Records != r.Header.Records {
			return 0, 0, nil, fmt.Errorf("%s:%d: corrupt: %d records read, the trailer says %d and the header %d", r.Path, r.line, r.records, t.Records, r.Header.Records)
		}
		if t.SHA256 != body {
			return 0, 0, nil, fmt.Errorf("%s: corrupt: the SHA-256 of its lines is %s, the trailer says %s", r.Path, body, t.SHA256)
		}
		if _, err := r.br.ReadByte(); err != io.EOF {
			return 0, 0, nil, fmt.Errorf("%s:%d: corrupt: data after the trailer", r.Path, r.line)
		}
		return 0, 0, nil, io.EOF
	}
	r.sum.Write(b)
	j, rep, res, err = DecodeRecord(b)
	if err != nil {
		return 0, 0, nil, fmt.Errorf("%s:%d: corrupt record: %w", r.Path, r.line, err)
	}
	r.records++
	return j, rep, res, nil
}

// Close closes the file.
func (r *Reader) Close() error {
	if r.zr != nil {
		r.zr.Close()
	}
	return r.f.Close()
}
