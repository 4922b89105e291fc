#!/usr/bin/env bash
# Regenerate the expected results of the Lua test corpus with the reference interpreter.
# For tests/lua/X.lua it writes X.lua.expected (stdout), X.lua.stderr (first line of stderr,
# program name normalised to "moonlet:", only when non-empty) and X.lua.status (exit status,
# only when non-zero). Run from anywhere; paths are relative to the repository root so chunk
# names match what moonlet sees. Usage: tests/gen-expected.sh [tests/lua/X.lua ...]
set -euo pipefail
cd "$(dirname "$0")/.."
files=("$@")
if [ ${#files[@]} -eq 0 ]; then files=(tests/lua/*.lua); fi
for f in "${files[@]}"; do
  set +e
  lua5.4 "$f" > "$f.expected" 2> "$f.stderr.full" < /dev/null
  status=$?
  set -e
  rm -f "$f.stderr" "$f.status"
  if [ -s "$f.stderr.full" ]; then head -n 1 "$f.stderr.full" | sed 's/^lua5\.4:/moonlet:/' > "$f.stderr"; fi
  rm -f "$f.stderr.full"
  if [ "$status" -ne 0 ]; then echo "$status" > "$f.status"; fi
done
