#!/usr/bin/env bash
# Installs the outside peers (Debian's PuLP, CBC and GLPK) and runs the peer comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
/usr/bin/python3 -c "import pulp" 2>/dev/null || missing+=(python3-pulp)
command -v cbc >/dev/null 2>&1 || missing+=(coinor-cbc)
command -v glpsol >/dev/null 2>&1 || missing+=(glpk-utils)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
dotnet run -c Release --project benchmarks/CriticalMinerals.Benchmarks -- --filter '*PeerBenchmarks*' "$@"
