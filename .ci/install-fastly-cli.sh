#!/usr/bin/env bash
# Install the official Fastly CLI from npm into .tools/fastly-cli (project-local, gitignored)
# and print the path of its binary. The conformance tests find it there (or via FASTLY_CLI_BIN).
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX=".tools/fastly-cli"
VERSION="${FASTLY_CLI_VERSION:-16.1.0}"
BIN="$PREFIX/node_modules/.bin/fastly"

if [ ! -x "$BIN" ] || ! "$BIN" version 2>/dev/null | grep -q "v$VERSION"; then
  mkdir -p "$PREFIX"
  npm install --silent --no-audit --no-fund --prefix "$PREFIX" "@fastly/cli@$VERSION" >&2
fi

# Prefer the platform package's native binary (no node start-up per call); fall back to the shim.
NATIVE="$(ls "$PREFIX"/node_modules/@fastly/cli-*/fastly 2>/dev/null | head -n 1 || true)"
if [ -n "$NATIVE" ] && [ -x "$NATIVE" ]; then
  BIN="$NATIVE"
fi
echo "$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
