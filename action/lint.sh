#!/usr/bin/env bash
# The action's lint step: factsheet lint over the inputs, with
#
#   - GitHub annotations (--format github) on standard output, which the
#     runner turns into annotations on the pull request's lines;
#   - the SARIF report for code scanning (input sarif), its path as the
#     step's output "sarif" only when it was written (not after an exit 2);
#   - the summary table (--format summary) on the job's summary page;
#   - --factsheets-only: a walked directory's package.json, README.md or
#     workflow files are not factsheets and are skipped, not reported.
#
# Inputs arrive as environment variables (action.yml's env), never pasted
# into the script, so a crafted input cannot run commands. The exit status
# is factsheet's: 0, 1 findings at or above fail-on, 2 usage error.
set -euo pipefail
set -f # paths and args are word lists: no globbing of the inputs

formats=(--format github)
if [ -n "${SARIF:-}" ]; then
  formats+=(--format "sarif=$SARIF")
fi
summary=""
if [ "${SUMMARY:-true}" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  summary=$(mktemp)
  formats+=(--format "summary=$summary")
fi
changed=()
if [ -n "${CHANGED_SINCE:-}" ]; then
  changed=(--changed-since "$CHANGED_SINCE")
fi

status=0
# shellcheck disable=SC2086 # paths and args are word lists
factsheet lint --factsheets-only "${formats[@]}" "${changed[@]}" --fail-on "${FAIL_ON:-error}" ${ARGS:-} ${PATHS:-.} || status=$?

if [ -n "$summary" ]; then
  if [ -s "$summary" ]; then
    cat "$summary" >>"$GITHUB_STEP_SUMMARY"
  fi
  rm -f "$summary"
fi
written=""
if [ -n "${SARIF:-}" ] && [ "$status" -le 1 ] && [ -f "$SARIF" ]; then
  written=$SARIF
fi
echo "sarif=$written" >>"${GITHUB_OUTPUT:?}"
echo "exit-code=$status" >>"$GITHUB_OUTPUT"
exit "$status"
