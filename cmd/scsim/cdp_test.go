package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// cdp drives a headless Chromium through the DevTools protocol over a
// pipe (--remote-debugging-pipe: commands on the browser's fd 3, replies
// and events on its fd 4, each a JSON message ended by a NUL byte), with
// the standard library only. Unlike --dump-dom it can wait for a page's
// asynchronous work, type into it, time it in real time and collect its
// console messages and uncaught exceptions.
type cdp struct {
	t       *testing.T
	cmd     *exec.Cmd
	w       *os.File
	mu      sync.Mutex
	id      int
	waiting map[int]chan cdpReply
	session string
	console []string // console messages, exceptions and log entries of the page
	done    chan struct{}
}

type cdpReply struct {
	Result json.RawMessage
	Error  *struct {
		Code    int
		Message string
	}
}

// startCDP starts chromium bin headless, with one page of the given
// width and height in CSS pixels attached.
func startCDP(t *testing.T, bin string, width, height int) *cdp {
	t.Helper()
	toBrowser, fromTest, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	fromBrowser, toTest, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{toBrowser, toTest} // fd 3, fd 4
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	toBrowser.Close()
	toTest.Close()
	c := &cdp{t: t, cmd: cmd, w: fromTest, waiting: map[int]chan cdpReply{}, done: make(chan struct{})}
	t.Cleanup(func() {
		fromTest.Close() // the browser exits when its pipe closes
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
		cmd.Wait()
	})
	go c.read(bufio.NewReader(fromBrowser))

	var target struct{ TargetID string }
	c.decode(c.call("", "Target.createTarget", map[string]any{"url": "about:blank"}), &target)
	var att struct{ SessionID string }
	c.decode(c.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}), &att)
	c.session = att.SessionID
	for _, m := range []string{"Runtime.enable", "Log.enable", "Page.enable"} {
		c.do(m, nil)
	}
	c.do("Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false})
	c.do("Emulation.setScrollbarsHidden", map[string]any{"hidden": true})
	return c
}

// read dispatches the browser's messages: replies to their callers,
// console events to c.console.
func (c *cdp) read(r *bufio.Reader) {
	defer close(c.done)
	for {
		msg, err := r.ReadBytes(0)
		if err != nil {
			return
		}
		var m struct {
			ID     int
			Method string
			Params json.RawMessage
			cdpReply
		}
		if json.Unmarshal(msg[:len(msg)-1], &m) != nil {
			continue
		}
		if m.ID != 0 {
			c.mu.Lock()
			ch := c.waiting[m.ID]
			delete(c.waiting, m.ID)
			c.mu.Unlock()
			if ch != nil {
				ch <- m.cdpReply
			}
			continue
		}
		var line string
		switch m.Method {
		case "Runtime.consoleAPICalled":
			var p struct {
				Type string
				Args []struct {
					Value       any
					Description string
				}
			}
			json.Unmarshal(m.Params, &p)
			var parts []string
			for _, a := range p.Args {
				parts = append(parts, fmt.Sprint(a.Value)+a.Description)
			}
			line = "console." + p.Type + ": " + strings.Join(parts, " ")
		case "Runtime.exceptionThrown":
			var p struct {
				ExceptionDetails struct {
					Text      string
					Exception struct{ Description string }
				}
			}
			json.Unmarshal(m.Params, &p)
			line = "exception: " + p.ExceptionDetails.Text + " " + p.ExceptionDetails.Exception.Description
		case "Log.entryAdded":
			var p struct {
				Entry struct{ Level, Source, Text, URL string }
			}
			json.Unmarshal(m.Params, &p)
			line = "log." + p.Entry.Level + " (" + p.Entry.Source + "): " + p.Entry.Text + " " + p.Entry.URL
		default:
			continue
		}
		c.mu.Lock()
		c.console = append(c.console, line)
		c.mu.Unlock()
	}
}

// call sends a command (to the page's session unless session is "")
// and returns its result.
func (c *cdp) call(session, method string, params any) json.RawMessage {
	c.t.Helper()
	c.mu.Lock()
	c.id++
	id := c.id
	ch := make(chan cdpReply, 1)
	c.waiting[id] = ch
	c.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	b, _ := json.Marshal(msg)
	if _, err := c.w.Write(append(b, 0)); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
	select {
	case r := <-ch:
		if r.Error != nil {
			c.t.Fatalf("%s: %s", method, r.Error.Message)
		}
		return r.Result
	case <-time.After(120 * time.Second):
		c.t.Fatalf("%s: no reply from the browser in 120 s", method)
	case <-c.done:
		c.t.Fatalf("%s: the browser exited", method)
	}
	return nil
}

// do sends a command to the page.
func (c *cdp) do(method string, params any) json.RawMessage {
	c.t.Helper()
	return c.call(c.session, method, params)
}

func (c *cdp) decode(raw json.RawMessage, v any) {
	c.t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		c.t.Fatalf("%s: %v", raw, err)
	}
}

// eval evaluates a JavaScript expression in the page (awaiting a
// promise) and decodes its value into v (unless v is nil).
func (c *cdp) eval(expr string, v any) {
	c.t.Helper()
	var r struct {
		Result           struct{ Value json.RawMessage }
		ExceptionDetails *struct {
			Text      string
			Exception struct{ Description string }
		}
	}
	c.decode(c.do("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}), &r)
	if r.ExceptionDetails != nil {
		c.t.Fatalf("%s: %s %s", expr, r.ExceptionDetails.Text, r.ExceptionDetails.Exception.Description)
	}
	if v != nil {
		if err := json.Unmarshal(r.Result.Value, v); err != nil {
			c.t.Fatalf("%s gives %s: %v", expr, r.Result.Value, err)
		}
	}
}

// waitFor evaluates expr until it is true, for at most timeout.
func (c *cdp) waitFor(expr string, timeout time.Duration) {
	c.t.Helper()
	end := time.Now().Add(timeout)
	for {
		var ok bool
		c.eval("!!("+expr+")", &ok)
		if ok {
			return
		}
		if time.Now().After(end) {
			c.t.Fatalf("%s still false after %v; console: %q", expr, timeout, c.messages())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// navigate opens url in the page.
func (c *cdp) navigate(url string) {
	c.t.Helper()
	c.do("Page.navigate", map[string]any{"url": url})
}

// messages returns the console messages so far.
func (c *cdp) messages() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.console...)
}

// screenshot writes a PNG of the whole page to path.
func (c *cdp) screenshot(path string) {
	c.t.Helper()
	var r struct{ Data string }
	c.decode(c.do("Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true}), &r)
	b, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		c.t.Fatal(err)
	}
}
