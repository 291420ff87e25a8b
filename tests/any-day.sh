#!/usr/bin/env bash
# Runs the date-sensitive tests with the clock really moved: every process the run starts (Node,
# vitest's workers, the local AT Protocol network, PostgreSQL, Chromium and the extension in it)
# sees the same shifted wall clock, through Debian's faketime (libfaketime by LD_PRELOAD, which
# children inherit; a relative offset, so processes started at different moments still agree).
#
# The days: each weekday of one week, and the days the clocks change in the zones the tests use
# (Europe/Berlin, America/New_York), half an hour before the change. Weekdays are set to 23:30 in
# Berlin, where the workspace's date and UTC's date differ, the hour the tests are most likely to
# get a day wrong.
#
#   bash tests/any-day.sh            unit tests and the calendar / compose / insights e2e files
#   bash tests/any-day.sh unit       only the unit tests
#   ANY_DAY_ONLY=2027-03-28T00:30:00Z bash tests/any-day.sh   one moment
#
# It needs the e2e builds in .output (npm test makes them) and Node 22 on PATH, as npm test does.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null; then
  echo "libfaketime is missing: apt-get install -y faketime" >&2
  exit 2
fi

MOMENTS=(
  2027-01-04T22:30:00Z # Monday 23:30 Berlin
  2027-01-05T22:30:00Z # Tuesday
  2027-01-06T22:30:00Z # Wednesday
  2027-01-07T22:30:00Z # Thursday
  2027-01-08T22:30:00Z # Friday
  2027-01-09T22:30:00Z # Saturday
  2027-01-10T22:30:00Z # Sunday
  2027-03-14T06:30:00Z # America/New_York springs forward at 02:00 EST (07:00Z)
  2027-03-28T00:30:00Z # Europe/Berlin springs forward at 02:00 CET (01:00Z)
  2027-10-31T00:30:00Z # Europe/Berlin falls back at 03:00 CEST (01:00Z)
  2027-11-07T05:30:00Z # America/New_York falls back at 02:00 EDT (06:00Z)
)
[ -n "${ANY_DAY_ONLY:-}" ] && MOMENTS=("$ANY_DAY_ONLY")

E2E_FILES=(
  tests/e2e/compose.e2e.ts
  tests/e2e/compose-media.e2e.ts
  tests/e2e/calendar-month.e2e.ts
  tests/e2e/insights.e2e.ts
  tests/e2e/queue-page.e2e.ts
  tests/e2e/workspaces.e2e.ts
)
harnesses=("${@:-unit e2e}")
harnesses=(${harnesses[*]})

for harness in "${harnesses[@]}"; do
  if [ "$harness" = e2e ] && [ ! -f .output/chrome-mv3/manifest.json ]; then
    echo "No extension build in .output: run npm test (or npx wxt build) first." >&2
    exit 2
  fi
done

declare -a lines
failed=0
for moment in "${MOMENTS[@]}"; do
  offset=$(( $(date -u -d "$moment" +%s) - $(date -u +%s) ))
  for harness in "${harnesses[@]}"; do
    files=()
    [ "$harness" = e2e ] && files=("${E2E_FILES[@]}")
    started=$(date +%s) # the real clock: this shell is not under faketime
    log=$(mktemp "${TMPDIR:-/tmp}/any-day-XXXXXX.log")
    # ANY_DAY_LOCK=<file>: each run waits its turn on a flock, for a machine shared with other heavy suites.
    # Monotonic clocks are shifted too (faketime's default): with them left alone Chromium never
    # started the extension's service worker.
    ${ANY_DAY_LOCK:+flock "$ANY_DAY_LOCK"} env CADENCE_E2E_SKIP_BUILD=1 faketime -f "+${offset}s" \
      npx vitest run --config tests/vitest.config.ts --project "$harness" "${files[@]}" >"$log" 2>&1
    status=$?
    seen=$(faketime -f "+${offset}s" date -u '+%a %F %H:%M')
    summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\s+Tests\s' | tr -s ' ' | head -1)
    line="$moment ($seen UTC as the tests saw it) $harness: ${summary:-no summary} in $(( $(date +%s) - started ))s"
    if [ $status -ne 0 ]; then
      failed=1
      line="$line  FAILED (log: $log)"
      grep -E 'FAIL|AssertionError|Error:' "$log" | sed 's/\x1b\[[0-9;]*m//g' | head -8
    else
      rm -f "$log"
    fi
    echo "$line"
    lines+=("$line")
  done
done

echo
echo "== any day"
printf '%s\n' "${lines[@]}"
exit $failed
