#!/usr/bin/env bash
# Runs every test of the project: the .NET suites (xunit, real Kestrel hosts on loopback) and the Node
# suites (browser, SDK) that exist. Ends with one line: "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
status=0

dotnet build Gateway.sln || status=1
# One run per test project, each with its own TRX file (a shared default name could collide).
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

# Node suites: each folder with a package.json runs with Node's own test runner (TAP summary lines).
for suite in tests/browser tests/sdk tests/openapi; do
  [ -f "$suite/package.json" ] || continue
  log="$results/$(basename "$suite").tap"
  (cd "$suite" && npm ci --no-audit --no-fund >/dev/null && node --test --test-reporter=tap) >"$log" 2>&1 || status=1
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "${f:-0}" != "0" ] || [ -z "$p" ]; then
    tail -n 60 "$log"
  fi
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A build or runner failure counts as a failure even if no test reported one.
  failed=1
fi
echo "$passed passed, $failed failed"
exit "$status"
