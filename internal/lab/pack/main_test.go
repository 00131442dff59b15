package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestPack(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "a.wasm"), filepath.Join(dir, "a.wasm.gz")
	wasm := append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("scsim"), 1000)...)
	if err := os.WriteFile(in, wasm, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := pack(in, out); err != nil {
		t.Fatal(err)
	}
	gz, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, wasm) {
		t.Errorf("unpacked %d bytes (%v), want the %d packed", len(got), err, len(wasm))
	}
	if len(gz) >= len(wasm)/10 {
		t.Errorf("%d bytes packed into %d", len(wasm), len(gz))
	}
	// the same input gives the same bytes: no name or time in the header
	if err := pack(in, out+"2"); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(out + "2"); !bytes.Equal(again, gz) {
		t.Error("packing twice gave different bytes")
	}
	if err := os.WriteFile(in, []byte("not wasm"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := pack(in, out); err == nil {
		t.Error("a file that is not WebAssembly was packed")
	}
}
