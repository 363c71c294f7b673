#!/usr/bin/env bash
# Prints the version of a build of this checkout, named as the Go toolchain
# names versions, so that a release build and `go install ...@COMMIT` of the
# same commit say the same:
#
#   v1.2.0                                   HEAD is the tag v1.2.0
#   v1.2.1-0.20261201230408-fc8c789d5a1d     a commit after the tag v1.2.0
#   v0.0.0-20261201230408-fc8c789d5a1d       a commit before the first release
#
# with "+dirty" appended when tracked files have uncommitted changes. Only
# tags vMAJOR.MINOR.PATCH count (not the moving v1 tag, not pre-releases).
set -euo pipefail
cd "$(dirname "$0")/.."
release='^v[0-9]+\.[0-9]+\.[0-9]+$'
dirty=""
[ -z "$(git status --porcelain --untracked-files=no)" ] || dirty="+dirty"
tag=$(git tag --points-at HEAD | grep -E "$release" | sort -V | tail -1 || true)
if [ -n "$tag" ]; then
  echo "$tag$dirty"
  exit 0
fi
when=$(TZ=UTC git log -1 --date=format-local:%Y%m%d%H%M%S --format=%cd HEAD)
hash=$(git rev-parse --short=12 HEAD)
last=$(git tag --merged HEAD | grep -E "$release" | sort -V | tail -1 || true)
if [ -n "$last" ]; then
  echo "${last%.*}.$((${last##*.} + 1))-0.$when-$hash$dirty"
else
  echo "v0.0.0-$when-$hash$dirty"
fi
