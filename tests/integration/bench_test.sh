#!/usr/bin/env bash
# The benchmark's quick mode (issue 9) runs the eight cases a few times each and writes valid
# results (here into a temp file, so bench/results.json keeps the full-mode table): every case
# with median <= max, min <= median, the machine and the mode recorded. The figures themselves
# are not judged here: a short run on a shared machine proves nothing about speed. It measures the
# build under test when that has the benchmark drivers (scripts/test configures -DRDSCA_BENCH=ON),
# so checking the shape costs no second build; otherwise bench/run builds its Release tree.
. "$(dirname "$0")/lib.sh"
OUT=$TEST_TMP/results.json
if [ -x "$BUILD/bench/endpoint_bench" ] && [ -x "$BUILD/bench/measure_run" ]; then
  log=$(python3 "$SRC/bench/bench.py" --build "$BUILD" --quick --out "$OUT" 2>&1); rc=$?
else
  log=$("$SRC/bench/run" --quick --out "$OUT" 2>&1); rc=$?
fi
check_status "the benchmark's quick mode completes" 0 "$rc"
[ "$rc" -eq 0 ] || printf '%s\n' "$log" | tail -20
check_eq "results.json is JSON in quick mode" "quick" "$(jq -r .mode "$OUT" 2>&1)"
check_eq "results.json holds the nine cases, in order" "hook_1 hook_1_mysql hook_1000 hook_1000_pg supply trust_store download endpoint hook_execd" \
  "$(jq -r '[.cases[].id] | join(" ")' "$OUT" 2>&1)"
check_eq "every case has min <= median <= max and 3 runs" "true" \
  "$(jq '[.cases[] | .min <= .median and .median <= .max and .runs == 3] | all' "$OUT" 2>&1)"
check_eq "every case says whether its target holds" "true" \
  "$(jq '[.cases[] | (.holds | type) == "boolean" and (.target | type) == "string"] | all' "$OUT" 2>&1)"
check_eq "the peers ran: hook (bash + jq + openssl), openssl rehash, curl, the classic hook beside exec.d" "4" \
  "$(jq '[.cases[] | select(.peer != null and (.peer.median | type) == "number")] | length' "$OUT" 2>&1)"
# A ratio needs a positive peer median; hook_execd's peer is measured above a floor, so in quick
# mode's three runs on a loaded machine that median can be zero or less, and the ratio is then null.
check_eq "every ratio is ours/peer, or null where the peer's median is not positive" "true" \
  "$(jq '[.cases[] | select(.peer != null) | if .peer.median > 0 then (.ratio | type) == "number" else .ratio == null end] | all' "$OUT" 2>&1)"
check_eq "the machine is recorded (nproc, CPU model, kernel)" "true" \
  "$(jq '.machine | (.nproc > 0) and (.cpu | length > 0) and (.kernel | length > 0)' "$OUT" 2>&1)"
check_eq "the date is an ISO 8601 UTC time" "true" \
  "$(jq '.date | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$")' "$OUT" 2>&1)"
check_contains "the table is printed with the ratio column" "ours/peer" "$log"
check_eq "the MySQL hook is counted in instructions beside PostgreSQL's" "true" \
  "$(jq '[.cases[] | select(.id == "hook_1_mysql") | .instructions > 0 and .postgresql.instructions > 0] | all' "$OUT" 2>&1)"
finish
