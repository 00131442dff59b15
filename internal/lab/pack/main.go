// Command pack compresses the lab page's WebAssembly simulator for
// embedding in scsim ("make build" runs it):
//
//	go run ./internal/lab/pack IN.wasm OUT.wasm.gz
//
// The output is gzip at the best compression, with no name or time in its
// header, so the same input gives the same bytes.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: pack IN.wasm OUT.wasm.gz")
		os.Exit(2)
	}
	if err := pack(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "pack:", err)
		os.Exit(1)
	}
}

func pack(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(data, []byte("\x00asm")) {
		return fmt.Errorf("%s is not a WebAssembly binary", in)
	}
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(data); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}
