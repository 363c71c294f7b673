#!/usr/bin/env bash
# Runs every fuzz target for a short time (FUZZTIME, default 8s each): the
# parsers must never panic, hang or disagree with themselves. Longer runs:
#   FUZZTIME=5m ci/fuzz.sh
#
# A failure the fuzzer can reproduce writes its input under the package's
# testdata/fuzz/<target>/ and fails the run at once. A failure without a new
# input is the fuzzing engine itself (a worker killed on a loaded machine):
# it is retried once.
set -euo pipefail
cd "$(dirname "$0")/.."
t=${FUZZTIME:-8s}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
inputs() { { ls "$1/testdata/fuzz/$2" 2>/dev/null || true; } | wc -l; }
for pkg in $(go list ./internal/...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true); do
    for attempt in 1 2; do
      before=$(inputs "$dir" "$target")
      echo "fuzz $target ($pkg) for $t"
      # Minimizing each new interesting input may take 60 s by default, the
      # whole of a short run: keep it short so the time goes to fuzzing.
      if go test -run '^$' -fuzz "^${target}\$" -fuzztime "$t" -fuzzminimizetime 2s "$pkg" >"$log" 2>&1; then
        break
      fi
      if [ "$(inputs "$dir" "$target")" -gt "$before" ] || [ "$attempt" -eq 2 ]; then
        cat "$log"
        exit 1
      fi
      echo "  the fuzzing engine failed without a failing input; retrying once:"
      grep -v 'elapsed:' "$log" | tail -5 | sed 's/^/  /'
    done
  done
done
