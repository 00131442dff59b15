"use strict";
// The page of "scsim lab": loads the simulator (WebAssembly, embedded
// above as gzip in base64), shows the scenario's inputs, runs it on every
// change and draws the key numbers and the stock levels.
(() => {
  const scen = JSON.parse(document.getElementById("scenario").textContent);
  const $ = (id) => document.getElementById(id);
  const lab = () => window.scsimLab;

  let desc = null; // the inputs of the current variant (lab.Description)
  let last = null; // the last result shown (lab.Result)
  let timer = 0;
  let steps = null; // the trace of the first events (lab.Steps), once step mode started
  let stepAt = -1; // the step shown
  const STEPS = 300; // how many steps the page asks for
  // what a test or a curious student can read from the console
  const state = (window.scsimLabState = { ready: false, runs: 0, lastMs: 0, loadMs: 0, result: null, error: "" });

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else e.setAttribute(k, v);
    }
    for (const k of kids) e.append(k);
    return e;
  }

  function status(text, isError) {
    const s = $("status");
    s.textContent = text;
    s.className = isError ? "error" : "";
  }

  async function load() {
    const t0 = performance.now();
    const bin = atob(scsimLabWasm);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    const wasm = await new Response(stream).arrayBuffer();
    const go = new Go();
    const ready = new Promise((resolve) => (window.scsimLabReady = resolve));
    const { instance } = await WebAssembly.instantiate(wasm, go.importObject);
    go.run(instance).then(() => status("The simulator stopped; reload the page.", true));
    await ready;
    if (lab().version !== scen.version) throw new Error("the page and its simulator disagree (format " + scen.version + " against " + lab().version + "): write the page again with scsim lab");
    state.loadMs = performance.now() - t0;
  }

  function call(fn, ...args) {
    const out = JSON.parse(lab()[fn](scen.file, scen.yaml, ...args));
    if (out.error) throw new Error(out.error);
    return out;
  }

  // describe shows the inputs of variant v.
  function describe(v) {
    desc = call("describe", v);
    $("name").textContent = desc.name + (v ? " / " + v : "");
    $("description").textContent = desc.description || "(no description)";
    $("replications").value = desc.replications;
    $("seed").value = desc.seed;
    $("horizon").value = desc.horizon;
    $("horizon-label").textContent = "Horizon (" + desc.time_unit + "s) ";
    // the starting values scsim lab was given
    for (const [k, v] of Object.entries(scen.initial || {})) $(k).value = v;
    const box = $("inputs");
    box.replaceChildren();
    const groups = new Map();
    for (const inp of desc.inputs) {
      if (!groups.has(inp.group)) {
        const fs = el("fieldset", {}, el("legend", {}, inp.group));
        groups.set(inp.group, fs);
        box.append(fs);
      }
      const input = el("input", { type: "number", step: inp.integer ? "1" : "any", "data-path": inp.path, "data-original": inp.value, title: inp.path });
      input.value = inp.value;
      groups.get(inp.group).append(el("label", {}, inp.label, input));
    }
    if (desc.inputs.length === 0) box.append(el("p", { class: "note" }, "This scenario has no policy parameter, demand rate or lead time written as a number to change."));
    const sku = $("sku");
    const keep = sku.value;
    sku.replaceChildren(...desc.skus.map((s, i) => el("option", { value: String(i) }, s)));
    if (keep && Number(keep) < desc.skus.length) sku.value = keep;
  }

  // request reads the inputs; it returns null if one is invalid.
  function request() {
    let ok = true;
    const set = [];
    for (const input of $("inputs").querySelectorAll("input")) {
      const v = input.value.trim();
      const bad = v === "" || !isFinite(Number(v)) || (input.step === "1" && !Number.isInteger(Number(v)));
      input.classList.toggle("invalid", bad);
      input.classList.toggle("changed", !bad && v !== input.dataset.original);
      if (bad) ok = false;
      else if (v !== input.dataset.original) set.push({ path: input.dataset.path, value: v });
    }
    const n = Number($("replications").value);
    const nBad = !Number.isInteger(n) || n < 1 || n > 1000; // lab.MaxReplications
    $("replications").classList.toggle("invalid", nBad);
    const seed = $("seed").value.trim();
    const seedBad = !/^[0-9]{1,20}$/.test(seed);
    $("seed").classList.toggle("invalid", seedBad);
    const h = Number($("horizon").value);
    const hBad = !(h > 0);
    $("horizon").classList.toggle("invalid", hBad);
    if (!ok || nBad || seedBad || hBad) return null;
    return { variant: $("variant").value, set, replications: n, seed, horizon: h === desc.horizon ? 0 : h, sku: Number($("sku").value || 0) };
  }

  // runNow runs the scenario with the inputs and redraws; it returns the
  // result, or null after showing why there is none.
  function runNow() {
    clearTimeout(timer);
    const req = request();
    if (!req) {
      status("Fix the numbers marked in red.", true);
      return null;
    }
    const t0 = performance.now();
    let res;
    try {
      res = call("run", JSON.stringify(req));
    } catch (e) {
      state.error = e.message;
      status(e.message, true);
      $("results").style.opacity = "0.5";
      return null;
    }
    const ms = performance.now() - t0;
    state.runs++;
    state.lastMs = ms;
    state.result = res;
    state.error = "";
    $("results").style.opacity = "";
    status("Ran in " + (ms < 1000 ? ms.toFixed(0) + " ms" : (ms / 1000).toFixed(2) + " s") + ".");
    show(res, last);
    last = res;
    if (steps) loadSteps();
    return res;
  }

  function schedule() {
    clearTimeout(timer);
    status("Running…");
    // let the browser paint the status before the run takes the thread
    timer = setTimeout(() => requestAnimationFrame(() => setTimeout(runNow, 0)), 150);
  }

  function show(res, prev) {
    $("runinfo").textContent = "(" + res.replications + " replication" + (res.replications === 1 ? "" : "s") + ", seed " + res.seed + ", " + res.horizon + " " + desc.time_unit + "s, warm-up " + res.warmup + "; " + res.events.toLocaleString("en") + " events)";
    // one site-item: its own column, as scsim run's table shows it (the
    // total leaves out what a sum cannot have, such as the bullwhip ratio)
    const multi = res.skus.length > 1;
    const main = (r) => (multi ? r.total : r.skus[0]);
    const cols = [main(res)];
    if (multi) cols.push(...res.skus.slice(0, 6));
    const head = el("tr", {}, el("th", {}, "metric"), el("th", {}, "unit"), el("th", {}, cols[0].name), el("th", {}, "before"));
    for (const c of cols.slice(1)) head.append(el("th", {}, c.name));
    $("numbers").tHead.replaceChildren(head);
    const body = $("numbers").tBodies[0];
    body.replaceChildren();
    const same = prev && prev.scenario === res.scenario && prev.skus.length === res.skus.length;
    cols[0].numbers.forEach((num, i) => {
      const tr = el("tr", { "data-key": num.key }, el("td", {}, num.name), el("td", { class: "unit" }, num.unit), el("td", { class: "value" }, num.text));
      tr.append(el("td", { class: "before" }, same ? main(prev).numbers[i].text : ""));
      for (const c of cols.slice(1)) tr.append(el("td", { class: "sku" }, c.numbers[i].text));
      body.append(tr);
    });
    if (multi && res.skus.length > 6) body.append(el("tr", {}, el("td", { colspan: String(4 + 6), class: "note" }, (res.skus.length - 6) + " more site-items: run the command below for all.")));
    $("policies").replaceChildren(...res.skus.slice(0, 12).map((k) => el("li", {}, el("b", {}, k.name), " " + k.policy)));
    $("command").textContent = "scsim run " + shellWord(scen.name) + " " + res.args.map(shellWord).join(" ");
    drawPlot(res.levels);
  }

  function shellWord(s) {
    return /^[A-Za-z0-9_.\/:=+-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'";
  }

  // niceTicks returns round numbers spanning [lo, hi].
  function niceTicks(lo, hi, n) {
    const span = hi - lo || 1;
    const raw = span / n;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v / step) * step);
    return out;
  }

  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function drawPlot(lv) {
    const plot = $("plot");
    plot.replaceChildren();
    if (!lv || lv.times.length === 0) return;
    const W = 800, H = 300, L = 46, R = 10, T = 16, B = 28;
    let top = 1, bottom = 0;
    for (let i = 0; i < lv.times.length; i++) {
      top = Math.max(top, lv.on_hand[i]);
      bottom = Math.max(bottom, lv.backorders[i]);
    }
    top *= 1.08;
    const lo = -bottom * 1.08;
    const x = (t) => L + ((t - lv.from) / (lv.to - lv.from || 1)) * (W - L - R);
    const y = (v) => T + ((top - v) / (top - lo || 1)) * (H - T - B);
    for (const v of niceTicks(lo, top, 6)) {
      plot.append(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: v === 0 ? "#888" : "#e3e7eb" }));
      plot.append(svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }, String(Math.abs(v))));
    }
    for (const t of niceTicks(lv.from, lv.to, 8)) {
      plot.append(svg("line", { x1: x(t), x2: x(t), y1: H - B, y2: H - B + 4, stroke: "#888" }));
      plot.append(svg("text", { x: x(t), y: H - B + 16, "text-anchor": "middle" }, String(t)));
    }
    plot.append(svg("text", { x: W - R, y: H - 2, "text-anchor": "end" }, desc.time_unit));
    plot.append(svg("text", { x: 4, y: 11 }, "units"));
    const area = (vals, sign) => {
      let d = "M" + x(lv.times[0]).toFixed(1) + " " + y(0).toFixed(1);
      for (let i = 0; i < lv.times.length; i++) {
        const t1 = i + 1 < lv.times.length ? lv.times[i + 1] : lv.to;
        const yy = y(sign * vals[i]).toFixed(1);
        d += "L" + x(lv.times[i]).toFixed(1) + " " + yy + "L" + x(t1).toFixed(1) + " " + yy;
      }
      return d + "L" + x(lv.to).toFixed(1) + " " + y(0).toFixed(1) + "Z";
    };
    plot.append(svg("path", { d: area(lv.on_hand, 1), fill: "#4a86c8", "fill-opacity": "0.55", stroke: "#2f6aa8", "stroke-width": "0.8" }));
    plot.append(svg("path", { d: area(lv.backorders, -1), fill: "#d9534f", "fill-opacity": "0.6", stroke: "#b3261e", "stroke-width": "0.8" }));
    for (const m of lv.orders) plot.append(svg("text", { x: x(m.t), y: T - 4, "text-anchor": "middle", style: "fill:#555" }, "▼"));
    for (const m of lv.receipts) plot.append(svg("text", { x: x(m.t), y: H - B - 2, "text-anchor": "middle", style: "fill:#1b7a3a" }, "▲"));
    plot.setAttribute("aria-label", "on hand and backorders of " + lv.sku + ", " + desc.time_unit + "s " + lv.from + " to " + lv.to);
  }

  // loadSteps asks the simulator for the first steps of replication 0
  // with the inputs as they are.
  function loadSteps() {
    const req = request();
    if (!req) return;
    try {
      steps = call("trace", JSON.stringify(req), STEPS, $("step-only").checked);
    } catch (e) {
      status(e.message, true);
      return;
    }
    state.steps = steps;
    stepAt = Math.max(0, Math.min(stepAt, steps.steps.length - 1));
    $("tracecmd").textContent = "scsim trace " + shellWord(scen.name) + " " + steps.args.map(shellWord).join(" ");
    drawSteps();
  }

  function fmtT(t) {
    return t.toFixed(2);
  }

  function stepLine(s) {
    return "t=" + fmtT(s.t).padStart(8) + "  " + s.kind.padEnd(8) + " " + s.where.padEnd(14) + " " + s.rule;
  }

  function drawSteps() {
    const list = $("steplist");
    list.replaceChildren();
    const now = $("stepnow");
    now.replaceChildren();
    const plotCursor = $("cursor");
    if (plotCursor) plotCursor.remove();
    if (!steps || steps.steps.length === 0) {
      if (steps) list.textContent = "No events.";
      return;
    }
    const cur = steps.steps[stepAt];
    for (let i = 0; i <= stepAt; i++) list.append(el("div", { class: i === stepAt ? "cur" : "" }, stepLine(steps.steps[i])));
    if (stepAt === steps.steps.length - 1) {
      list.append(el("div", { class: "note" }, steps.more ? "… the page shows the first " + steps.steps.length + " steps; scsim trace prints them all." : "(the end of the run)"));
    }
    list.scrollTop = list.scrollHeight;
    now.append(el("div", { class: "rule" }, "Step " + (stepAt + 1) + ", event " + cur.event + ", t = " + fmtT(cur.t) + " " + desc.time_unit + "s, " + cur.kind + (cur.where ? " at " + cur.where : "") + ": " + cur.rule));
    if (cur.sku >= 0) {
      const t = el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, cur.where), el("th", {}, "before"), el("th", {}, "after"))));
      const body = el("tbody");
      for (const [k, name] of [["on_hand", "on hand"], ["backorders", "backorders"], ["on_order", "on order"], ["position", "inventory position"]]) {
        const b = cur.before[k], a = cur.after[k];
        body.append(el("tr", {}, el("td", {}, name), el("td", {}, String(b)), el("td", { class: a !== b ? "chg" : "" }, String(a))));
      }
      t.append(body);
      now.append(t);
    }
    // the step's time on the stock plot
    const lv = last && last.levels;
    if (lv && cur.t >= lv.from && cur.t <= lv.to) {
      const W = 800, L = 46, R = 10;
      const x = L + ((cur.t - lv.from) / (lv.to - lv.from || 1)) * (W - L - R);
      $("plot").append(svg("line", { id: "cursor", x1: x, x2: x, y1: 12, y2: 272, stroke: "#e0a800", "stroke-width": "2" }));
    }
  }

  function stepBy(n) {
    if (!steps) {
      stepAt = 0;
      loadSteps();
      return;
    }
    stepAt = Math.max(0, Math.min(steps.steps.length - 1, stepAt + n));
    drawSteps();
  }

  function wire() {
    $("step-start").addEventListener("click", () => {
      stepAt = 0;
      loadSteps();
    });
    $("step-next").addEventListener("click", () => stepBy(1));
    $("step-10").addEventListener("click", () => stepBy(10));
    $("step-back").addEventListener("click", () => stepBy(-1));
    $("step-only").addEventListener("change", () => {
      if (steps) {
        stepAt = 0;
        loadSteps();
      }
    });
    const variants = $("variant");
    for (const v of desc.variants) variants.append(el("option", { value: v }, v));
    variants.addEventListener("change", () => {
      try {
        describe(variants.value);
      } catch (e) {
        status(e.message, true);
        return;
      }
      schedule();
    });
    $("controls").addEventListener("input", (e) => {
      if (e.target.tagName === "INPUT") schedule();
    });
    $("sku").addEventListener("change", schedule);
    $("reset").addEventListener("click", () => {
      describe(variants.value);
      schedule();
    });
  }

  async function main() {
    try {
      await load();
      describe("");
      wire();
      state.ready = true;
      runNow();
    } catch (e) {
      state.error = e.message;
      status("The simulator could not start: " + e.message, true);
    }
  }
  main();
})();
