#!/usr/bin/env bash
# Tests the pre-commit hooks with the real pre-commit, on a scratch git
# repository: a commit with a broken factsheet is refused, a clean one goes
# through, and files that are not factsheets are left alone. The hooks are
# taken from this repository's HEAD commit, as users get them.
set -euo pipefail
# Without pre-commit the test is skipped on a developer's machine, but on CI
# (CI set, as .ci/run, GitHub Actions and GitLab CI set it) it fails: CI must
# never pass by testing less than it claims.
if ! command -v pre-commit >/dev/null; then
  case "${CI:-}" in
  "" | 0 | false | FALSE)
    echo "hooks test skipped: pre-commit is not installed (apt-get install pre-commit)"
    exit 0
    ;;
  esac
  echo "FAIL: pre-commit is not installed, and CI=$CI: the hooks test cannot be skipped on CI (apt-get install pre-commit)"
  exit 1
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
rev=$(git -C "$repo" rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
cd "$work"
mkdir project && cd project
git init -q
git config user.email ci@example.invalid
git config user.name CI
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: factsheet-lint
        args: [--today, "2026-11-22"]
YAML
pre-commit install >/dev/null

# Installing the hooks builds the tool and nothing else: pre-commit runs
# go install ./... in the hook repository, and the repository's other
# programs are in the separate tools module.
start=$(date +%s)
pre-commit install-hooks >"$work/install.log" 2>&1 || { echo "FAIL: pre-commit install-hooks:"; cat "$work/install.log"; exit 1; }
built=$(ls "$PRE_COMMIT_HOME"/repo*/golangenv-*/bin)
if [ "$built" != factsheet ]; then
  echo "FAIL: installing the hooks built more than the tool:"; echo "$built"; exit 1
fi
echo "ok: installing the hooks builds the tool only ($(($(date +%s) - start)) s)"

# A clean factsheet: the Belgian one with its one error (footnote 16's
# malformed link) fixed. Warnings do not block a commit.
sed 's|\[https://www.eHealth.fgov.be; Actieplan eGezondheid 2022-2024 protocolakkoord.pdf \\(fgov.be\\); Roadmap 4.0 \| eHealth \\(fgov.be\\)\](https://www.eHealth.fgov.be; Actieplan eGezondheid 2022-2024 protocolakkoord.pdf (fgov.be); Roadmap 4.0 \| eHealth (fgov.be))|<https://www.eHealth.fgov.be>|' \
  "$repo/testdata/factsheets/BE.yaml" > BE.yaml
grep -q 'Actieplan eGezondheid 2022-2024 protocolakkoord' BE.yaml && { echo "FAIL: could not prepare the clean factsheet"; exit 1; }
printf '# Factsheets\n\nThe country factsheets of the project.\n' > README.md
git add .pre-commit-config.yaml BE.yaml README.md
if ! git commit -q -m "clean factsheet" >"$work/clean.log" 2>&1; then
  echo "FAIL: the commit of a clean factsheet was refused:"; cat "$work/clean.log"; exit 1
fi
echo "ok: a clean factsheet (and a README) is committed"

# A broken factsheet: an unknown field. The commit must be refused, with the
# finding at its line.
sed 's/^    national_board:$/    national_board:\n      answr: "Yes"/' BE.yaml > BE.tmp && mv BE.tmp BE.yaml
git add BE.yaml
if git commit -q -m "broken factsheet" >"$work/broken.log" 2>&1; then
  echo "FAIL: the commit of a broken factsheet went through"; cat "$work/broken.log"; exit 1
fi
if ! grep -q 'BE.yaml:[0-9]*:7: error \[schema-unknown-field\]' "$work/broken.log"; then
  echo "FAIL: the refusal does not show the finding:"; cat "$work/broken.log"; exit 1
fi
echo "ok: a broken factsheet is refused with its finding"
