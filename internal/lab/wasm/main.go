//go:build js && wasm

// Command wasm is the simulator of the page "scsim lab" writes, built
// with GOOS=js GOARCH=wasm ("make build" does it). It defines the
// JavaScript object scsimLab with two functions, each taking and
// returning JSON text:
//
//	scsimLab.describe(file, yaml, variant)  → lab.Description
//	scsimLab.run(file, yaml, request)       → lab.Result, request a lab.Request
//	scsimLab.trace(file, yaml, request, n, only) → lab.Steps: the first n steps of replication 0
//
// and answers {"error": "..."} when the scenario or the request is wrong.
package main

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"syscall/js"

	"scsim/internal/lab"
	"scsim/scenarios"
)

// parsed caches the last scenario parsed: the page sends the same text
// with every run.
var parsed struct {
	file, text string
	sc         *scenarios.Scenario
}

func scenario(file, text string) (*scenarios.Scenario, error) {
	if parsed.sc != nil && parsed.file == file && parsed.text == text {
		return parsed.sc, nil
	}
	sc, err := lab.Parse(file, []byte(text))
	if err != nil {
		return nil, err
	}
	parsed.file, parsed.text, parsed.sc = file, text, sc
	return sc, nil
}

// answer runs f and returns its value as JSON, or {"error": ...}.
func answer(f func() (any, error)) (out string) {
	defer func() {
		if v := recover(); v != nil {
			out = errorJSON(fmt.Errorf("internal error: %v\n%s", v, debug.Stack()))
		}
	}()
	v, err := f()
	if err != nil {
		return errorJSON(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return errorJSON(err)
	}
	return string(b)
}

// request reads the scenario (args[0], its file name, and args[1], its
// text) and the page's request (args[2], JSON) that run and trace take.
func request(args []js.Value) (*scenarios.Scenario, lab.Request, error) {
	var req lab.Request
	sc, err := scenario(args[0].String(), args[1].String())
	if err != nil {
		return nil, req, err
	}
	if err := json.Unmarshal([]byte(args[2].String()), &req); err != nil {
		return nil, req, fmt.Errorf("request: %v", err)
	}
	return sc, req, nil
}

func errorJSON(err error) string {
	b, _ := json.Marshal(map[string]string{"error": err.Error()})
	return string(b)
}

func main() {
	describe := js.FuncOf(func(this js.Value, args []js.Value) any {
		return answer(func() (any, error) {
			if len(args) != 3 {
				return nil, fmt.Errorf("describe takes (file, yaml, variant)")
			}
			sc, err := scenario(args[0].String(), args[1].String())
			if err != nil {
				return nil, err
			}
			return lab.Describe(sc, args[2].String())
		})
	})
	run := js.FuncOf(func(this js.Value, args []js.Value) any {
		return answer(func() (any, error) {
			if len(args) != 3 {
				return nil, fmt.Errorf("run takes (file, yaml, request)")
			}
			sc, req, err := request(args)
			if err != nil {
				return nil, err
			}
			return lab.Run(sc, req)
		})
	})
	trace := js.FuncOf(func(this js.Value, args []js.Value) any {
		return answer(func() (any, error) {
			if len(args) != 5 {
				return nil, fmt.Errorf("trace takes (file, yaml, request, n, only)")
			}
			sc, req, err := request(args)
			if err != nil {
				return nil, err
			}
			return lab.Trace(sc, req, args[3].Int(), args[4].Bool())
		})
	})
	obj := js.Global().Get("Object").New()
	obj.Set("trace", trace)
	obj.Set("describe", describe)
	obj.Set("run", run)
	obj.Set("version", lab.Version)
	js.Global().Set("scsimLab", obj)
	if cb := js.Global().Get("scsimLabReady"); cb.Type() == js.TypeFunction {
		cb.Invoke()
	}
	select {}
}
