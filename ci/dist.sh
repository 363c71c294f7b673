#!/usr/bin/env bash
# Release builds for every supported system, as the GitHub release has them
# (.goreleaser.yaml makes the same builds and packs them; keep the two
# alike, cmd/factsheet's tests compare them):
#
#   - static: CGO_ENABLED=0, so a binary runs on any Linux, macOS or Windows
#     of its architecture without a C library of a given version;
#   - without the build machine's paths (-trimpath) or VCS state
#     (-buildvcs=false), stripped (-s -w);
#   - stamped with the version (ci/version.sh), commit and commit date
#     (internal/buildinfo), so `factsheet version` and SARIF reports say
#     which build made them;
#   - reproducible: the same commit and Go version give the same bytes, on
#     any machine, in any directory (ci/dist-test.sh checks it).
#
#   ci/dist.sh [OUTDIR]      (make dist; OUTDIR defaults to dist)
#
# Writes OUTDIR/factsheet_OS_ARCH[.exe] and OUTDIR/SHA256SUMS (check a
# download with `sha256sum -c --ignore-missing SHA256SUMS`). TARGETS
# (e.g. TARGETS=linux/amd64) narrows the systems; VERSION, COMMIT and DATE
# override the stamps.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
targets=${TARGETS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64}
version=${VERSION:-$(ci/version.sh)}
commit=${COMMIT:-$(git rev-parse HEAD)}
date=${DATE:-$(TZ=UTC git log -1 --date=format-local:%Y-%m-%dT%H:%M:%SZ --format=%cd HEAD)}
pkg=github.com/ecanplus/factsheet/internal/buildinfo
ldflags="-s -w -X $pkg.version=$version -X $pkg.commit=$commit -X $pkg.date=$date"

rm -rf "$out"
mkdir -p "$out"
for target in $targets; do
  os=${target%/*}
  arch=${target#*/}
  exe=""
  [ "$os" != windows ] || exe=.exe
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -buildvcs=false -ldflags "$ldflags" \
    -o "$out/factsheet_${os}_${arch}$exe" ./cmd/factsheet
done
cd "$out"
if command -v sha256sum >/dev/null; then
  sha256sum factsheet_* >SHA256SUMS
else
  shasum -a 256 factsheet_* >SHA256SUMS # macOS
fi
echo "$version: $(wc -l <SHA256SUMS) builds in $out/"
