#!/usr/bin/env bash
# The whole fastlysync story on a fresh machine, no Fastly account needed:
#
#   1. start the local Fastly API emulator
#   2. validate and lint services/ and vcl/
#   3. apply services/ to the emulator
#   4. plan again: no changes
#   5. a colleague changes a backend and a dictionary out of band, with the official Fastly CLI
#   6. drift shows exactly what changed (exit 2)
#   7. apply puts git's version back
#   8. drift again: none (exit 0)
#
# Exits 0 when every step does what it should, non-zero (with the failing step named) otherwise.
# Run from a clone after `pip install -e .`:   bash examples/demo.sh
# Needs npm once, to fetch the Fastly CLI into .tools/ (or set FASTLY_CLI_BIN).
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v fastlysync >/dev/null 2>&1; then FASTLYSYNC=(fastlysync)
else FASTLYSYNC=(python3 -m fastlysync); fi
fastlysync() { command "${FASTLYSYNC[@]}" "$@"; }

if [ -t 1 ]; then BOLD=$'\033[1m'; RED=$'\033[31m'; GREEN=$'\033[32m'; OFF=$'\033[0m'
else BOLD=""; RED=""; GREEN=""; OFF=""; fi
STEP=0
step() { STEP=$((STEP + 1)); printf '\n%s== %d. %s ==%s\n' "$BOLD" "$STEP" "$*" "$OFF"; }
fail() { printf '\n%sdemo FAILED at step %d: %s%s\n' "$RED" "$STEP" "$*" "$OFF" >&2; exit 1; }

# expect CODE COMMAND...: run COMMAND (its output shown and kept in $OUTPUT), check its exit code.
expect() {
  local want=$1 got=0
  shift
  printf '$ %s\n' "$*"
  OUTPUT=$("$@" 2>&1) || got=$?
  printf '%s\n' "$OUTPUT"
  [ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want"
}
# shows TEXT: the last command's output must contain TEXT.
shows() { grep -qF -- "$1" <<<"$OUTPUT" || fail "expected the output to show: $1"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fastlysync-demo.XXXXXX")
EMULATOR_PID=""
cleanup() {
  if [ -n "$EMULATOR_PID" ]; then
    kill "$EMULATOR_PID" 2>/dev/null || true
    wait "$EMULATOR_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

step "Start the Fastly API emulator"
TOKEN="demo-token-$RANDOM$RANDOM"
# Port 0: the emulator picks a free port and prints its URL (no race with other programs).
# (exec: the background job is the emulator itself, so the trap's kill reaches it.)
# The token goes through a file, never argv (what a real deployment would do too).
printf '%s\n' "$TOKEN" >"$WORK/token"
(exec "${FASTLYSYNC[@]}" emulator --port 0 --token-file "$WORK/token" >"$WORK/emulator.log" 2>&1) &
EMULATOR_PID=$!
for _ in $(seq 100); do
  grep -q "listening on" "$WORK/emulator.log" 2>/dev/null && break
  kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$WORK/emulator.log" >&2; fail "the emulator exited"; }
  sleep 0.1
done
grep -q "listening on" "$WORK/emulator.log" || fail "the emulator did not start in 10 s"
head -n 1 "$WORK/emulator.log"
export FASTLY_API_ENDPOINT
FASTLY_API_ENDPOINT=$(sed -n 's/^fastlysync emulator listening on \(http[^ ]*\).*/\1/p' \
  "$WORK/emulator.log")
export FASTLY_API_TOKEN="$TOKEN"
# The example specs read their secrets from the environment; harmless values for the demo.
export SHOP_DATADOG_API_KEY="demo-datadog-key-not-a-secret"

step "Validate the specs and lint the VCL"
expect 0 fastlysync validate
expect 0 fastlysync lint

step "Apply services/ to the emulator"
expect 0 fastlysync apply --auto-approve
shows "service shop-production:"

step "Plan again: nothing left to change"
expect 0 fastlysync plan --detailed-exitcode
shows "No changes."

step "A colleague edits the live service with the official Fastly CLI"
FASTLY_BIN="${FASTLY_CLI_BIN:-}"
if [ -z "$FASTLY_BIN" ]; then
  FASTLY_BIN=$(bash .ci/install-fastly-cli.sh) || fail "could not install the Fastly CLI (needs npm)"
fi
mkdir -p "$WORK/home"
fastly() {
  HOME="$WORK/home" FASTLY_ACCOUNT_ENDPOINT="$FASTLY_API_ENDPOINT" "$FASTLY_BIN" "$@"
}
expect 0 fastly service backend update --service-name shop-production --version active \
  --autoclone --name origin --port 8443
expect 0 fastly service version activate --service-name shop-production --version latest
DICTIONARY_ID=$(fastly service dictionary describe --service-name shop-production \
  --version active --name redirects --json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["DictionaryID"])')
expect 0 fastly service dictionary-entry create --service-name shop-production \
  --dictionary-id "$DICTIONARY_ID" --key /black-friday --value /sale

step "Drift: live no longer matches git (exit 2)"
expect 2 fastlysync drift
shows "~ backend origin.port: 443 -> 8443"
shows '+ "/black-friday" = "/sale" (live only)'

step "Apply again: git wins"
expect 0 fastlysync apply --auto-approve
shows "service shop-production:"

step "Drift again: none (exit 0)"
expect 0 fastlysync drift
shows "No drift."

printf '\n%sThe story holds: apply, plan, out-of-band change, drift, apply, no drift.%s\n' \
  "$GREEN" "$OFF"
