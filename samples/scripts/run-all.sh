#!/usr/bin/env bash
# Runs every notebook-style script in samples/scripts (file-based .NET 10 apps) as a user who copied it runs it:
# each script is copied out of the clone and restores the CriticalMinerals package named in its `#:package` line.
# Here that package is this clone's build, packed into a local feed under a version of its own (so a cached copy of
# an earlier build is never used); a user gets the released version from NuGet. Fails if any script fails.
# Usage: samples/scripts/run-all.sh [script.cs ...]   (from anywhere; no names: every script; output goes to stdout)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="0.1.0-local.$(date +%Y%m%d%H%M%S).$$"
dotnet pack "$repo/src/CriticalMinerals/CriticalMinerals.csproj" -c Release -o "$work/feed" -p:Version="$version" -nodeReuse:false -v:q >/dev/null
# Scripts that draw charts also reference the Charts package.
dotnet pack "$repo/src/CriticalMinerals.Charts/CriticalMinerals.Charts.csproj" -c Release -o "$work/feed" -p:Version="$version" -nodeReuse:false -v:q >/dev/null
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
</configuration>
CONFIG
# lithium-unmet-demand.cs compares with Busch et al.'s published unmet demand: the Base rows of their
# Results/Data_Fig5_slack.csv (MIT) are in docs/data, so no download is needed; its runs are the cost stage here
# (DEGRADATION=0: 11 MIPs in about 3 minutes instead of 5-10 with the second objective).
export PUBLISHED="${PUBLISHED:-$repo/docs/data/busch2025-fig5-slack-base.csv}" DEGRADATION="${DEGRADATION:-0}"
status=0
scripts=("$@")
[ ${#scripts[@]} -gt 0 ] || scripts=("$here"/*.cs)
for script in "${scripts[@]}"; do
  name="$(basename "$script")"
  script="$here/$name"
  [ -f "$script" ] || { echo "FAILED: no script $name in $here" >&2; status=1; continue; }
  echo "=== $name"
  # Only the package version differs from the file a user copies.
  sed -E -e "s|^#:package CriticalMinerals@.*$|#:package CriticalMinerals@$version|" -e "s|^#:package CriticalMinerals.Charts@.*$|#:package CriticalMinerals.Charts@$version|" "$script" > "$work/$name"
  grep -q "^#:package CriticalMinerals@$version$" "$work/$name" || { echo "FAILED: $name has no '#:package CriticalMinerals@...' line" >&2; status=1; continue; }
  if ! (cd "$work" && dotnet run "$name"); then
    echo "FAILED: $name" >&2
    status=1
  fi
done
exit "$status"
