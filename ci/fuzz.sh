#!/usr/bin/env bash
# Runs every fuzz target for a short time (FUZZTIME, default 8s each): the
# parsers must never panic, hang or disagree with themselves. Longer runs:
#   FUZZTIME=5m ci/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
t=${FUZZTIME:-8s}
for pkg in $(go list ./internal/...); do
  for target in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true); do
    echo "fuzz $target ($pkg) for $t"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$t" "$pkg" >/tmp/fuzz.$$.log 2>&1 || { cat /tmp/fuzz.$$.log; rm -f /tmp/fuzz.$$.log; exit 1; }
  done
done
rm -f /tmp/fuzz.$$.log
