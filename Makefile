# scsim: discrete-event supply chain simulator. Needs only Go.

GO      ?= go
BIN     := bin/scsim
PKGS    := ./...

.PHONY: all build labwasm run test check lint race bench golden fuzz clean

all: build

# build: compile the scsim binary into bin/, with the lab page's simulator (labwasm) inside
build: labwasm
	$(GO) build -o $(BIN) ./cmd/scsim

# labwasm: compile the simulator of "scsim lab" to WebAssembly (bin/lab.wasm), gzip it into cmd/scsim/labwasm/lab.wasm.gz and copy Go's wasm_exec.js beside it (both embedded by the build)
LABWASM := cmd/scsim/labwasm
labwasm:
	GOOS=js GOARCH=wasm $(GO) build -ldflags='-s -w' -o bin/lab.wasm ./internal/lab/wasm
	$(GO) run ./internal/lab/pack bin/lab.wasm $(LABWASM)/lab.wasm.gz
	@root=$$($(GO) env GOROOT); f=$$root/lib/wasm/wasm_exec.js; [ -f $$f ] || f=$$root/misc/wasm/wasm_exec.js; \
	cmp -s $$f $(LABWASM)/wasm_exec.js || cp $$f $(LABWASM)/wasm_exec.js

# run: build, compare the five policies of the default bundled scenario (policy-showdown) under common random numbers, printing the comparison, and write its HTML report and plots to ./out
run: build
	./$(BIN) compare policy-showdown
	./$(BIN) report policy-showdown --out out --quiet

# test: gofmt and go vet, the whole test suite, the race detector on the engine and model, and scsim check on the benchmark suite
test: lint
	$(GO) test $(PKGS)
	$(GO) test -race -short ./sim ./model ./cmd/...
	$(MAKE) --no-print-directory check

# check: build, then rerun the benchmark suite testdata/check/suite.yaml against its committed baseline (fails on a regression; see docs/check.md)
check: build
	./$(BIN) check testdata/check/suite.yaml --quiet

# lint: fail if gofmt would change a file, then go vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

# race: the whole suite under the race detector (slow)
race:
	$(GO) test -race $(PKGS)

# bench: engine and model benchmarks (PB1 200000 days and PB2 365 days, one replication: events/s, ns/event, allocations), PB1 and PB2 as whole processes, and 8 PB1 replications on 1 core and on 2 (BENCH selects, BENCHTIME and COUNT repeat; scripts/ has the side-by-side comparisons)
BENCH     ?= .
BENCHTIME ?= 1s
COUNT     ?= 1
bench:
	@echo "# $$(date -u '+%Y-%m-%d %H:%M UTC'), $$(nproc) CPUs, load average $$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -benchtime $(BENCHTIME) -count $(COUNT) ./sim ./model ./cmd/scsim

# golden: rewrite golden files after a reviewed change of output
golden:
	$(GO) test ./model ./output ./scenarios ./cmd/scsim -update

# fuzz: fuzz the scenario loader, the demand history reader and --set for a while each (FUZZTIME, default 60s)
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME) ./scenarios
	$(GO) test -run '^$$' -fuzz FuzzHistory -fuzztime $(FUZZTIME) ./scenarios
	$(GO) test -run '^$$' -fuzz FuzzOverride -fuzztime $(FUZZTIME) ./scenarios

# clean: remove build output
clean:
	rm -rf bin out $(LABWASM)/lab.wasm.gz $(LABWASM)/wasm_exec.js
