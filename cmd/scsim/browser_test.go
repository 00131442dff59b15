package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The report must open offline in a real browser. TestReportInBrowser
// renders reports in headless Chromium (Debian's chromium) and checks that
// every plot image loads, that the console stays silent (the report has no
// scripts, so any console message is an error the browser reported), that
// neither the page nor any table in it scrolls sideways at a laptop's
// width, and that a screenshot shows a page.
//
// Without chromium the test is skipped, unless SCSIM_BROWSER_TEST=require
// (as .ci/run sets it, after installing chromium), when it fails. With
// SCSIM_SCREENSHOT_DIR set, the screenshots are kept there to look at.

// browserWidth is the window width of the browser tests, in CSS pixels:
// a laptop's.
const browserWidth = 1024

// chromium returns the path of the headless browser, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("SCSIM_BROWSER_TEST") == "require" {
		t.Fatal("chromium is not installed, and SCSIM_BROWSER_TEST=require (apt-get install chromium)")
	}
	t.Skip("chromium is not installed; set SCSIM_BROWSER_TEST=require to make this a failure")
	return ""
}

// runChromium runs the browser headless on page with extra arguments and
// returns its standard output and error.
func runChromium(t *testing.T, bin, page string, args ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(),
		"--enable-logging=stderr", "--v=0",
		"--virtual-time-budget=5000",
		"--window-size=" + strconv.Itoa(browserWidth) + ",900",
	}
	var out, errb bytes.Buffer
	// a browser that crashes (killed by a signal: on a loaded host without
	// a session bus Chromium sometimes dies of SIGSEGV at start-up) says
	// nothing about the page; it is started again, twice at most
	for attempt := 1; ; attempt++ {
		cmd := exec.CommandContext(ctx, bin, append(append(base, args...), "file://"+page)...)
		out.Reset()
		errb.Reset()
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		if err == nil {
			break
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) && ctx.Err() == nil && attempt < 3 {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				t.Logf("chromium %v crashed (%v); starting it again", args, err)
				continue
			}
		}
		t.Fatalf("chromium %v: %v\n%s", args, err, errb.String())
	}
	return out.String(), errb.String()
}

// probeScript, added to a copy of the report, writes what the test checks
// into the body's data-probe attribute once the page has loaded.
const probeScript = `<script>
window.addEventListener("load", () => {
  const imgs = Array.from(document.images);
  document.body.setAttribute("data-probe", JSON.stringify({
    images: imgs.length,
    broken: imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt),
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    sections: Array.from(document.querySelectorAll("section")).map(s => s.id),
    wideTables: Array.from(document.querySelectorAll("table")).filter(t => t.offsetWidth > document.body.clientWidth || (t.parentElement.scrollWidth > t.parentElement.clientWidth)).map(t => t.id || t.className),
  }));
});
</script>
`

// probe is what [probeScript] reports.
type probe struct {
	Images                   int
	Broken                   []string
	ScrollWidth, ClientWidth int
	Sections                 []string
	WideTables               []string // tables wider than the page, or scrolling in their block
}

var probeAttr = regexp.MustCompile(`data-probe="([^"]*)"`)

// consoleLine matches the browser's log lines of console messages.
var consoleLine = regexp.MustCompile(`(?m)^.*:CONSOLE[:(].*$`)

func TestReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	bin := chromium(t)
	shots := os.Getenv("SCSIM_SCREENSHOT_DIR")
	for _, tc := range []struct {
		name     string
		args     []string
		plots    int
		sections []string
	}{
		// base + 4 variants: 5 bar charts, the cost breakdown, 6 levels
		// (the worst-served store in the 5 runs, the other in the base),
		// the waits of the 2 stores, a series per run
		{"what-if", []string{"what-if", "--horizon", "300", "--warmup", "30", "-n", "3"}, 14, []string{"scenario", "assumptions", "results", "comparison", "rollups", "plots"}},
		// one run: 5 bar charts and the cost breakdown by store, the levels
		// of the 4 stores that hold stock, the waits of the 4 and the
		// delivery times of the drop-ship store
		{"policy-showdown", []string{"policy-showdown", "--horizon", "200", "-n", "3"}, 12, []string{"scenario", "assumptions", "results", "comparison", "rollups", "plots"}},
		// 8 site-items and the total: the results table in blocks; 6
		// levels and 6 waits of the worst-served stores
		{"two-echelon", []string{"two-echelon", "--horizon", "400", "--warmup", "30", "-n", "3"}, 18, []string{"scenario", "assumptions", "results", "rollups", "plots"}},
		// 5100 site-items: bars by echelon; the 6 worst-served stores
		{"rq-network", []string{"rq-network", "--horizon", "60", "--warmup", "10", "-n", "2"}, 18, []string{"scenario", "assumptions", "results", "rollups", "plots"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, stderr, code := run(t, append(append([]string{"report"}, tc.args...), "-q", "--out", dir)...); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			page := filepath.Join(dir, "report.html")
			html, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			probed := filepath.Join(dir, "probe.html")
			withProbe := strings.Replace(string(html), "</body>", probeScript+"</body>", 1)
			if err := os.WriteFile(probed, []byte(withProbe), 0o644); err != nil {
				t.Fatal(err)
			}
			dom, logs := runChromium(t, bin, probed, "--dump-dom")
			if msgs := consoleLine.FindAllString(logs, -1); len(msgs) > 0 {
				t.Errorf("the browser console is not silent:\n%s", strings.Join(msgs, "\n"))
			}
			m := probeAttr.FindStringSubmatch(dom)
			if m == nil {
				t.Fatalf("the page did not finish loading (no probe result in the DOM):\n%.2000s", dom)
			}
			var p probe
			if err := json.Unmarshal([]byte(unescapeAttr(m[1])), &p); err != nil {
				t.Fatalf("probe %q: %v", m[1], err)
			}
			if p.Images != tc.plots {
				t.Errorf("%d images in the page, want %d plots", p.Images, tc.plots)
			}
			if len(p.Broken) > 0 {
				t.Errorf("images that did not load: %q", p.Broken)
			}
			if p.ScrollWidth > p.ClientWidth {
				t.Errorf("the page scrolls sideways at %d px: %d px wide", p.ClientWidth, p.ScrollWidth)
			}
			if len(p.WideTables) > 0 {
				t.Errorf("tables that do not fit %d px and scroll sideways: %q", browserWidth, p.WideTables)
			}
			if strings.Join(p.Sections, ",") != strings.Join(tc.sections, ",") {
				t.Errorf("sections %q, want %q", p.Sections, tc.sections)
			}

			// the report itself, unprobed, as a user sees it
			shot := filepath.Join(dir, "screenshot.png")
			if shots != "" {
				shot = filepath.Join(shots, "report-"+tc.name+".png")
			}
			runChromium(t, bin, page, "--screenshot="+shot, "--hide-scrollbars")
			checkScreenshot(t, shot)
		})
	}
}

// unescapeAttr undoes the HTML escaping of an attribute value in
// Chromium's DOM dump.
func unescapeAttr(s string) string {
	return strings.NewReplacer("&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#39;", "'").Replace(s)
}

// checkScreenshot checks that the screenshot at path is a PNG of the
// window's width that shows something: dark text on a light page.
func checkScreenshot(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot %s: %v", path, err)
	}
	b := img.Bounds()
	if b.Dx() != browserWidth {
		t.Errorf("screenshot is %d px wide, want %d", b.Dx(), browserWidth)
	}
	dark, light := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if l := luma(img, x, y); l < 0x60 {
				dark++
			} else if l > 0xE0 {
				light++
			}
		}
	}
	total := b.Dx() * b.Dy() / 4
	if dark < total/200 || light < total/2 {
		t.Errorf("screenshot %s does not look like a page of text: %d dark and %d light of %d pixels sampled", path, dark, light, total)
	}
}

// luma returns the brightness of a pixel, 0 to 255.
func luma(img image.Image, x, y int) int {
	r, g, b, _ := img.At(x, y).RGBA()
	return int((299*r + 587*g + 114*b) / 1000 >> 8)
}
