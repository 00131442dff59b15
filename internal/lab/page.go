package lab

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"path/filepath"
	"strings"
)

//go:embed page.html
var pageHTML string

//go:embed page.js
var pageJS string

// Page is what the lab page is made of.
type Page struct {
	// Name is the scenario as given on the command line (a file or a
	// bundled name), File the file it was read from (Name itself), or for
	// a bundled one Name + ".yaml"; YAML its text. The page's "scsim run"
	// line and its error messages give a file by its base name, since the
	// page is handed on with the file and not the teacher's directories,
	// and a bundled scenario by its name.
	Name, File string
	YAML       []byte
	// Initial holds the page's starting values of "replications", "seed"
	// and "horizon" where they differ from the scenario's.
	Initial map[string]string
	// WasmGz is the simulator built with GOOS=js GOARCH=wasm from
	// scsim/internal/lab/wasm, compressed with gzip (see
	// scsim/internal/lab/pack), and WasmExec the wasm_exec.js of the Go
	// release that built it.
	WasmGz, WasmExec []byte
}

// WritePage writes the lab page: one HTML file holding its script, Go's
// wasm_exec.js and the simulator (gzip, in base64), which opens from the
// file system with no server and no network.
func WritePage(w io.Writer, p Page, title string) error {
	if err := checkWasm(p.WasmGz); err != nil {
		return err
	}
	if len(p.WasmExec) == 0 {
		return errors.New("the lab has no wasm_exec.js")
	}
	name, file := p.Name, p.File
	if file == name { // a file, not a bundled name
		name = filepath.Base(name)
		file = name
	}
	// json.Marshal escapes <, > and &, so the text cannot end the script
	scenario, err := json.Marshal(struct {
		Name    string            `json:"name"`
		File    string            `json:"file"`
		YAML    string            `json:"yaml"`
		Version string            `json:"version"`
		Initial map[string]string `json:"initial"`
	}{name, file, string(p.YAML), Version, p.Initial})
	if err != nil {
		return err
	}
	if strings.Contains(strings.ToLower(string(p.WasmExec)), "</script") {
		return errors.New("wasm_exec.js holds </script and cannot be inlined")
	}
	r := strings.NewReplacer(
		"{{TITLE}}", html.EscapeString(title),
		"{{STEPS}}", stepsHTML,
		"{{SCENARIO}}", string(scenario),
		"{{WASM_EXEC}}", string(p.WasmExec),
		"{{WASM}}", base64.StdEncoding.EncodeToString(p.WasmGz),
		"{{SCRIPT}}", pageJS,
	)
	_, err = r.WriteString(w, pageHTML)
	return err
}

// checkWasm checks that gz is a gzip stream of a WebAssembly binary.
func checkWasm(gz []byte) error {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err == nil {
		head := make([]byte, 4)
		if _, err = io.ReadFull(zr, head); err == nil && !bytes.Equal(head, []byte("\x00asm")) {
			err = errors.New("not a WebAssembly binary")
		}
	}
	if err != nil {
		return fmt.Errorf("the lab's simulator is not a gzip-compressed WebAssembly binary: %v", err)
	}
	return nil
}

// stepsHTML is the step mode's block of the page.
const stepsHTML = `<p class="note">Replication 0 event by event, from the start: each step with the site-item's levels before and after, and the rule that decided.</p>
<div class="stepbar"><button id="step-start" type="button">Start</button> <button id="step-back" type="button">◀ Back</button> <button id="step-next" type="button">Step ▶</button> <button id="step-10" type="button">10 steps ▶▶</button>
<label class="inline"><input id="step-only" type="checkbox" checked> only the plotted site-item</label></div>
<div id="stepnow"></div>
<div id="tracecmd" class="command"></div>
<div id="steplist" aria-live="polite"></div>`
