#!/usr/bin/env bash
# The whole test suite, as README's Quick start names it (`npm run test:all`) and CI runs it: the fast
# suite (`npm test`: build, type-check, unit and server tests), then the end-to-end stage in real editors
# (Neovim, VS Code's extension host, code-server screenshots), whose host scripts/setup-vscode-host.sh
# installs outside the project's dependencies (from nothing on a fresh machine, and says how long that took).
# Ends with one `N passed, N failed, N skipped` line over both stages.
set -uo pipefail
cd "$(dirname "$0")/.."

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# "P passed, F failed[, S skipped]" → "P F S"
counts() {
  grep -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$1" | tail -1 | sed -E 's/^([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?$/\1 \2 \4/'
}

npm test 2>&1 | tee "$logs/unit"
unit_status=${PIPESTATUS[0]}
read -r unit_passed unit_failed unit_skipped <<<"$(counts "$logs/unit")"
: "${unit_passed:=0}" "${unit_failed:=1}" "${unit_skipped:=0}"

e2e_status=0 e2e_passed=0 e2e_failed=1
setup_start=$SECONDS
if scripts/setup-vscode-host.sh; then
  echo "e2e: editor host ready in $((SECONDS - setup_start)) s"
  npm run test:e2e 2>&1 | tee "$logs/e2e"
  e2e_status=${PIPESTATUS[0]}
  read -r e2e_passed e2e_failed _ <<<"$(counts "$logs/e2e")"
  : "${e2e_passed:=0}" "${e2e_failed:=1}"
else
  echo "e2e: NOT RUN: scripts/setup-vscode-host.sh failed after $((SECONDS - setup_start)) s (see above); real-editor tests need chromium, neovim, libkrb5-dev, Node 24 and code-server" >&2
  e2e_status=1
fi

echo "unit: $unit_passed passed, $unit_failed failed, $unit_skipped skipped; e2e: $e2e_passed passed, $e2e_failed failed"
echo "$((unit_passed + e2e_passed)) passed, $((unit_failed + e2e_failed)) failed, $unit_skipped skipped"
[ "$unit_status" -eq 0 ] && [ "$unit_failed" -eq 0 ] && [ "$e2e_status" -eq 0 ] && [ "$e2e_failed" -eq 0 ]
