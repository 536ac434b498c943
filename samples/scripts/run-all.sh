#!/usr/bin/env bash
# Runs every notebook-style script in samples/scripts (file-based .NET 10 apps) and fails on the first non-zero exit.
# Usage: samples/scripts/run-all.sh   (from anywhere; output of each script goes to stdout)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
status=0
for script in *.cs; do
  echo "=== $script"
  if ! dotnet run "$script"; then
    echo "FAILED: $script" >&2
    status=1
  fi
done
exit "$status"
