#!/usr/bin/env bash
# The action's install step: builds factsheet from the action's own files
# and puts it on PATH for the job's later steps. The action's files are the
# repository at the ref the workflow pinned (ecanplus/factsheet@v1, @v1.2.0,
# @<commit>), so the tool is always the action's own version: no download,
# no "latest" that moves under a pinned workflow.
#
# Environment (set by action.yml and setup/action.yml):
#   FACTSHEET_SRC  the module root (the action's directory, or its parent
#                  for setup/)
#   ACTION_REF     the ref the workflow pinned; stamped as the version, and
#                  as the commit when it is one
#   RUNNER_TEMP, GITHUB_PATH  the runner's
set -euo pipefail
src=${FACTSHEET_SRC:?}
ref=${ACTION_REF:-}
bin=${RUNNER_TEMP:?}/factsheet-action/bin
pkg=github.com/ecanplus/factsheet/internal/buildinfo
ldflags="-s -w"
if [ -n "$ref" ]; then
  ldflags+=" -X $pkg.version=$ref"
fi
if [[ $ref =~ ^[0-9a-f]{40}$ ]]; then
  ldflags+=" -X $pkg.commit=$ref"
fi
mkdir -p "$bin"
# -buildvcs=false: the action's directory is a download, or a checkout that
# another user owns (a container), where reading its VCS state fails.
(cd "$src" && go build -buildvcs=false -ldflags "$ldflags" -o "$bin/factsheet$(go env GOEXE)" ./cmd/factsheet)
echo "$bin" >>"${GITHUB_PATH:?}"
"$bin/factsheet$(go env GOEXE)" version
