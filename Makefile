# The two commands a newcomer needs: `make demo` and `make test`.
GO ?= go
TODAY ?= 2026-11-22

.PHONY: demo test build dist docs bench update-golden

# A static binary: the net package (pulled in by the flag library) would
# otherwise link the C library, and start-up time matters for hooks.
build:
	CGO_ENABLED=0 $(GO) build -o bin/factsheet ./cmd/factsheet

# Release builds for Linux, macOS and Windows (amd64, arm64), stamped with
# the version and commit, and their SHA-256 checksums, in dist/: the same
# builds the release has (.goreleaser.yaml, docs/release.md). Reproducible:
# the same commit gives the same bytes (ci/dist-test.sh checks it).
dist:
	./ci/dist.sh dist

docs:
	$(GO) -C tools run ./gendocs -out ../docs/commands
	$(GO) test ./internal/lint ./internal/template ./internal/config ./internal/validation -update

# The main job on the shipped Belgian factsheet: the published document itself,
# and its YAML form. The factsheet has known defects, so lint exits 1: the demo
# shows them without failing make.
demo: build
	./bin/factsheet lint --today $(TODAY) testdata/factsheets/BE.txt testdata/factsheets/BE.yaml || test $$? -eq 1

# Everything CI runs: vet, unit and end-to-end tests (the browser test needs
# chromium, the hooks test pre-commit, the unreadable-file tests as root
# setpriv; each skips without them, except on CI (CI=true), where a missing
# tool fails), a short fuzzing pass of every fuzz target, and the pre-commit
# hooks. .ci/run adds a second run of the Go tests on one CPU.
#
# tools/ is a module of its own (the docs generator, the benchmark corpus),
# so that building the tool's module builds only the tool: its tests run
# here too.
test:
	$(GO) vet ./...
	$(GO) -C tools vet ./...
	$(GO) test ./...
	$(GO) -C tools test ./...
	./ci/fuzz.sh
	./ci/hooks-test.sh

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Rewrites the golden files of the packages whose tests define -update, and
# only those (go test ./... -update failed in every other package). The
# hand-reviewed seed golden, internal/lint/testdata/seed.golden, is not among
# them: it has its own flag, and every finding in it is checked by hand first:
#   go test ./internal/lint -run TestSeedFindings -update-seed
GOLDEN_PKGS = $(sort $(patsubst %/,./%,$(dir $(shell grep -rl --include='*_test.go' 'flag\.Bool."update"' cmd internal))))

update-golden:
	$(GO) test $(GOLDEN_PKGS) -update
