# The two commands a newcomer needs: `make demo` and `make test`.
GO ?= go
TODAY ?= 2026-11-22

.PHONY: demo test build fuzz bench lint-code update-golden

build:
	$(GO) build -o bin/factsheet ./cmd/factsheet

# The main job on the shipped Belgian factsheet: the published document itself,
# and its YAML form. The factsheet has known defects, so lint exits 1: the demo
# shows them without failing make.
demo: build
	./bin/factsheet lint --today $(TODAY) testdata/factsheets/BE.txt testdata/factsheets/BE.yaml || test $$? -eq 1

# Everything CI runs: vet, unit and end-to-end tests, and a short fuzzing pass.
test:
	$(GO) vet ./...
	$(GO) test ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

update-golden:
	$(GO) test ./... -update
