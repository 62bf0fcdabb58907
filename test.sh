#!/usr/bin/env bash
# Runs every test of the solution (Release) and ends with one line: "N passed, N failed[, N skipped]".
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter "FullyQualifiedName~Calendar").
set -uo pipefail
cd "$(dirname "$0")"

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet test MesaServicio.sln -c Release --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@"
status=$?

# With a PostgreSQL server for tests (MESA_TEST_POSTGRES, e.g. "Host=127.0.0.1;Username=mesa;Password=mesa"; the role
# needs CREATEDB), the tests that use a database run a second time on PostgreSQL, each test on a database of its own.
# Classes marked [Trait("Pass", "Once")] run once: the browser journeys (EndToEnd, every *BrowserTests and
# *AccessibilityTests class), the bUnit component tests (Components), the several-instance tests (ScaleOut, which choose
# their engines themselves) and the classes that never touch a database (Support/TestPassTraitTests checks the first three).
if [ -n "${MESA_TEST_POSTGRES:-}" ]; then
  echo "== The tests that use a database again, on PostgreSQL"
  pg_args=(--filter "Pass!=Once")
  [ "$#" -gt 0 ] && pg_args=("$@")   # the caller's own selection, on PostgreSQL too
  MESA_TEST_DATABASE=PostgreSql dotnet test MesaServicio.Tests -c Release --no-build "${pg_args[@]}" \
    --logger "trx;LogFilePrefix=postgresql" --logger "console;verbosity=minimal" --results-directory "$results"
  pg_status=$?
  [ "$status" -eq 0 ] && status=$pg_status
fi

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$(get total); executed=$(get executed)
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + total - executed))
done

if [ "$files" -eq 0 ]; then
  echo "No test results were written: the build or the test host failed (exit code $status)."
  failed=$((failed + 1))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status although no test failed: counting the run as failed."
  failed=1
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
