#!/usr/bin/env bash
# Tests the release builds of make dist (run it first: .ci/run does):
#
#   1. ci/version.sh names versions as Go does, on a scratch repository:
#      before the first tag, at a tag, after a tag, with uncommitted changes;
#   2. the builds are reproducible: the same source copied to another
#      directory builds to the same bytes (dist/SHA256SUMS);
#   3. the binary for this machine reports the stamped version and commit,
#      in `factsheet version` and in SARIF's tool.driver.version;
#   4. every download is in SHA256SUMS and matches it.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
[ -f dist/SHA256SUMS ] || { echo "FAIL: no dist/SHA256SUMS: run make dist first"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. Version names.
(
  cd "$work" && mkdir v && cd v
  git init -q && git config user.email ci@example.invalid && git config user.name CI
  mkdir ci && cp "$repo/ci/version.sh" ci/
  echo a >a && git add . && GIT_COMMITTER_DATE=2026-12-01T23:04:08Z git commit -q -m a
  h=$(git rev-parse --short=12 HEAD)
  want() { got=$(ci/version.sh); [ "$got" = "$1" ] || fail "version.sh: $2: got $got, want $1"; }
  want "v0.0.0-20261201230408-$h" "before the first tag"
  git tag v1.2.0 && git tag v1 && git tag v1.3.0-rc1
  want v1.2.0 "at a tag (the moving v1 and a pre-release ignored)"
  echo b >a
  want v1.2.0+dirty "at a tag, modified"
  GIT_COMMITTER_DATE=2026-12-02T08:00:00Z git commit -q -am b
  h=$(git rev-parse --short=12 HEAD)
  want "v1.2.1-0.20261202080000-$h" "after a tag"
  echo c >a
  want "v1.2.1-0.20261202080000-$h+dirty" "after a tag, modified"
)
echo "ok: ci/version.sh names versions as Go does"

# 2. Reproducible: the same files (tracked and new, as make dist saw them)
# in another directory, with the same stamps and an empty build cache (a
# cached build would reuse make dist's work and prove nothing), build to
# the same bytes. One system, the one this machine is: a build from nothing
# costs about a minute for each.
host=$(go env GOOS)/$(go env GOARCH)
bin=factsheet_${host%/*}_${host#*/}
[ "${host%/*}" != windows ] || bin=$bin.exe
version=$(ci/version.sh)
commit=$(git rev-parse HEAD)
date=$(TZ=UTC git log -1 --date=format-local:%Y-%m-%dT%H:%M:%SZ --format=%cd HEAD)
mkdir "$work/elsewhere"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ ! -e "$f" ] || cp --parents "$f" "$work/elsewhere" # not a file deleted in the working tree
done
GOCACHE=$work/gocache TARGETS=$host VERSION=$version COMMIT=$commit DATE=$date \
  "$work/elsewhere/ci/dist.sh" "$work/again" >/dev/null
grep " $bin\$" dist/SHA256SUMS | diff - "$work/again/SHA256SUMS" ||
  fail "$bin built again differs from make dist's: not reproducible (or make dist ran on other files)"
echo "ok: the $host build is reproducible (another directory, no build cache, the same bytes)"

# 3. The stamps.
bin=dist/$bin
out=$("$bin" version)
grep -qxF "factsheet $version" <<<"$out" || fail "$bin version: no 'factsheet $version':"$'\n'"$out"
grep -q "^commit:  $commit $date\$" <<<"$out" || fail "$bin version: no commit $commit $date:"$'\n'"$out"
"$bin" lint --format "sarif=$work/out.sarif" testdata/factsheets/BE.yaml >/dev/null 2>&1 || true
grep -qF "\"version\": \"$version\"" "$work/out.sarif" || fail "the SARIF report does not name version $version"
echo "ok: $bin reports $version, commit $commit, also in SARIF"

# The minimum Go version (go.mod's go line) is the one the docs state; say
# whether this build proves it builds with exactly that one.
min=go$(sed -n 's/^go //p' go.mod)
if [ "$(go env GOVERSION)" = "$min" ]; then
  echo "ok: built with $min, the minimum go.mod states"
else
  echo "note: built with $(go env GOVERSION), not the minimum $min"
fi

# 4. The checksums.
(cd dist && sha256sum --quiet -c SHA256SUMS) || fail "dist/SHA256SUMS does not match the files"
for f in dist/factsheet_*; do
  grep -q " ${f#dist/}\$" dist/SHA256SUMS || fail "$f is not in SHA256SUMS"
done
echo "ok: every build is in SHA256SUMS and matches it"

# 5. With GoReleaser installed (it is not on CI: it builds in minutes and
# needs a newer Go with every release), the release configuration is valid
# and its builds are make dist's, byte for byte, given the same stamps.
if ! command -v goreleaser >/dev/null; then
  echo "skipped: the GoReleaser comparison (goreleaser not installed; docs/release.md says how)"
  exit 0
fi
goreleaser check >/dev/null 2>&1 || { goreleaser check; fail "goreleaser check"; }
mkdir "$work/release"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ ! -e "$f" ] || cp --parents "$f" "$work/release"
done
(
  cd "$work/release"
  # GoReleaser needs a git repository: one commit of these files.
  git init -q && git add -A && git -c user.email=ci@example.invalid -c user.name=CI commit -q -m release
  goreleaser release --snapshot --clean --skip=archive >/dev/null 2>&1 || goreleaser release --snapshot --clean --skip=archive
)
got=$("$work/release/dist/factsheet_linux_amd64_v1/factsheet" version)
v=$(sed -n 's/^factsheet //p' <<<"$got")
c=$(awk '/^commit:/ {print $2}' <<<"$got")
d=$(awk '/^commit:/ {print $3}' <<<"$got")
(cd "$work/release" && VERSION=$v COMMIT=$c DATE=$d ci/dist.sh "$work/mine" >/dev/null)
for f in "$work"/release/dist/factsheet_*/factsheet*; do
  dir=$(basename "$(dirname "$f")") # factsheet_linux_amd64_v1
  target=$(sed -E 's/^factsheet_([a-z]+)_([a-z0-9]+)_.*/\1_\2/' <<<"$dir")
  ext=""
  [[ $f != *.exe ]] || ext=.exe
  cmp -s "$f" "$work/mine/factsheet_$target$ext" || fail "GoReleaser's $target build differs from make dist's"
done
echo "ok: GoReleaser's builds are make dist's, byte for byte"
