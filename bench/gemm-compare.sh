#!/usr/bin/env bash
# Times GpuAE's CPU SGEMM (bench/GpuAE.Bench) and numpy/OpenBLAS on the same shapes, alternating
# the two for several rounds so machine noise hits both alike, then prints one table: per shape
# the median over rounds of each side's median time, GFLOP/s, and GpuAE/numpy throughput ratio.
#   bench/gemm-compare.sh [rounds=3] [extra gpuae-bench options, e.g. --variant packed --threads 1]
# Shapes: GEMM_SHAPES (name:MxNxK[:NN|NT|TN|TT],...), default squares 256..2048 + training shapes.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
shift || true
shapes=${GEMM_SHAPES:-sq256:256x256x256:NN,sq512:512x512x512:NN,sq1024:1024x1024x1024:NN,sq2048:2048x2048x2048:NN,fwd:128x1000x784:NT,gradW:1000x784x128:TN,gradX:128x784x1000:NN}
reps=${GEMM_REPS:-7}
python=${NUMPY_PYTHON:-/usr/bin/python3}
dotnet build bench/GpuAE.Bench -c Release -v quiet -nologo >/dev/null
bench=bench/GpuAE.Bench/bin/Release/net10.0/gpuae-bench
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for ((r = 1; r <= rounds; r++)); do
  echo "round $r/$rounds" >&2
  "$bench" --reps "$reps" --shapes "$shapes" "$@" >>"$out"
  # numpy's OpenBLAS must pick its own kernel and cache sizes for this CPU.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python" bench/gemm_numpy.py --reps "$reps" --shapes "$shapes" >>"$out"
done
"$python" - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
names = list(dict.fromkeys(r["name"] for r in rows))
def med(name, impl):
    ms = [r["median_ms"] for r in rows if r["name"] == name and r["impl"] == impl]
    return statistics.median(ms) if ms else float("nan")
print(f"{'shape':<8} {'M x N x K':<17} {'op':<3} {'gpuae ms':>9} {'GF/s':>7} {'numpy ms':>9} {'GF/s':>7} {'ratio':>6}")
for name in names:
    r = next(x for x in rows if x["name"] == name)
    flops = 2.0 * r["m"] * r["n"] * r["k"]
    g, n = med(name, "gpuae"), med(name, "numpy")
    print(f"{name:<8} {r['m']}x{r['n']}x{r['k']:<7} {r['trans']:<3} {g:9.3f} {flops/g/1e6:7.1f} {n:9.3f} {flops/n/1e6:7.1f} {n/g:6.2f}")
PY
