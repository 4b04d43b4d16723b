#!/usr/bin/env bash
# Times GpuAE's CPU SGEMM (bench/GpuAE.Bench) and numpy/OpenBLAS on the same shapes, alternating
# the two for several rounds so machine noise hits both alike, then prints one table: per shape
# the median over rounds of each side's median time, GFLOP/s, and GpuAE/numpy throughput ratio,
# plus the same from each side's fastest sample (useful when the machine is shared and noisy).
#   bench/gemm-compare.sh [rounds=3] [extra gpuae-bench options, e.g. --variant packed --threads 1]
# Shapes: GEMM_SHAPES (name:MxNxK[:NN|NT|TN|TT],...), default squares 256..2048 + training shapes.
# GEMM_THREADS=N limits both sides to N threads (default: all cores); GEMM_REPS samples per run.
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
threads=${GEMM_THREADS:-}
gpuae_threads=(); numpy_threads=()
if [[ -n $threads ]]; then gpuae_threads=(--threads "$threads"); numpy_threads=(OPENBLAS_NUM_THREADS="$threads"); fi
IFS=, read -ra shape_list <<<"$shapes"
for ((r = 1; r <= rounds; r++)); do
  echo "round $r/$rounds" >&2
  for shape in "${shape_list[@]}"; do # alternate per shape, so both sides see the same load
    "$bench" --reps "$reps" --shapes "$shape" "${gpuae_threads[@]}" "$@" >>"$out"
    # numpy's OpenBLAS must pick its own kernel and cache sizes for this CPU.
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${numpy_threads[@]}" "$python" bench/gemm_numpy.py --reps "$reps" --shapes "$shape" >>"$out"
  done
done
"$python" - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
names = list(dict.fromkeys(r["name"] for r in rows))
def pick(name, impl, field, agg):
    xs = [r[field] for r in rows if r["name"] == name and r["impl"] == impl]
    return agg(xs) if xs else float("nan")
print("median = median over rounds of each round's median; best = fastest single sample (least disturbed)")
print(f"{'shape':<7} {'MxNxK':<15} {'op':<3} {'gpuae ms':>9} {'GF/s':>6} {'numpy ms':>9} {'GF/s':>6} {'ratio':>6} | {'best gpuae':>10} {'best numpy':>10} {'ratio':>6}")
for name in names:
    r = next(x for x in rows if x["name"] == name)
    mf = 2.0 * r["m"] * r["n"] * r["k"] / 1e6
    g, n = pick(name, "gpuae", "median_ms", statistics.median), pick(name, "numpy", "median_ms", statistics.median)
    bg, bn = pick(name, "gpuae", "min_ms", min), pick(name, "numpy", "min_ms", min)
    dims = f"{r['m']}x{r['n']}x{r['k']}"
    print(f"{name:<7} {dims:<15} {r['trans']:<3} {g:9.3f} {mf/g:6.0f} {n:9.3f} {mf/n:6.0f} {n/g:6.2f} | {mf/bg:7.0f} GF {mf/bn:7.0f} GF {bn/bg:6.2f}")
PY
