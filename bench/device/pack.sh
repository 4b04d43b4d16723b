#!/usr/bin/env bash
# Packs what a bare GPU machine (NVIDIA driver, no .NET, no network) needs to run GpuAE's device
# check: the .NET runtime of the local SDK, the Release builds (the test project's output holds
# the CLI too; xunit.v3 test assemblies are executables, so no test runner is needed) and MNIST,
# into PACK (default .device-pack/, ignored by git). Under 64 MiB: runtime and app xz-compressed.
#   bash bench/device/pack.sh            # then, on the GPU machine, from the repository root:
#   bash bench/device/run.sh             # (reads .device-pack/, writes logs to $OUT or /tmp/out)
set -euo pipefail
root=$(git rev-parse --show-toplevel); cd "$root"
PACK=${PACK:-.device-pack}; rm -rf "$PACK"; mkdir -p "$PACK"
dn=$(dirname "$(readlink -f "$(command -v dotnet)")")
rt=$(ls -d "$dn"/shared/Microsoft.NETCore.App/* | sort -V | tail -1)
(cd "$dn" && tar -cJf "$root/$PACK/dotnet-rt.tar.xz" dotnet host/fxr "shared/Microsoft.NETCore.App/$(basename "$rt")")
app=$(mktemp -d)
dotnet build tests/GpuAE.Tests -c Release -o "$app" -v q -nologo >/dev/null
# Only linux-x64 natives travel (other platforms' would break the size limit).
find "$app/runtimes" -mindepth 1 -maxdepth 1 ! -name 'linux-x64' -exec rm -rf {} + 2>/dev/null || true
tar -cJf "$PACK/app.tar.xz" -C "$app" .
rm -rf "$app"
if [ -d data/mnist ]; then mkdir -p "$PACK/data" && cp -r data/mnist "$PACK/data/"; else echo "pack: no data/mnist (run: gpuae data fetch --dataset mnist)" >&2; fi
du -sh "$PACK"/* "$PACK"
