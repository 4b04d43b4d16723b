#!/usr/bin/env bash
# Side by side, in one run: GpuAE's CPU accelerator vs PyTorch (CPU, 2 threads) training the
# same dense denoising autoencoder on the same data and batch. Prints both medians and the ratio.
#   bash bench/compare-train.sh [--model dense|conv-keras|conv-mnist] [--optimizer sgd|adam] [--lr 0.1]
#                               [--noise mask:0.2] [--batch 128] [--runs 5] [--steps 20]
# PyTorch runs at its best: OpenBLAS with pthreads (libopenblas0-pthread), without this
# environment's OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE overrides (they force an older kernel), and
# once more with glibc told to keep freed memory (fewer page faults); the faster one counts.
set -euo pipefail
cd "$(dirname "$0")/.."
batch=128; runs=5; steps=20; model=dense; optimizer=sgd; lr=0.1; noise=mask:0.2
while [ $# -gt 0 ]; do
  case "$1" in
    --batch) batch=$2; shift 2;; --runs) runs=$2; shift 2;; --steps) steps=$2; shift 2;;
    --model) model=$2; shift 2;; --optimizer) optimizer=$2; shift 2;; --lr) lr=$2; shift 2;; --noise) noise=$2; shift 2;;
    *) echo "compare-train.sh: unknown argument '$1'" >&2; exit 2;;
  esac
done
# Debian's PyTorch calls the system libblas.so.3: without OpenBLAS that is the reference BLAS,
# about 8x slower on the dense model (seen 2026-12-05 on a fresh machine), which would flatter GpuAE.
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo "none")
case "$blas" in
  *openblas*) ;;
  *) echo "compare-train.sh: PyTorch's BLAS is $blas, not OpenBLAS; install it first: apt-get install -y libopenblas0-pthread" >&2; exit 2;;
esac
dotnet build src/GpuAE.Cli -c Release -v q -nologo >/dev/null
gpuae=src/GpuAE.Cli/bin/Release/net10.0/gpuae
py=/usr/bin/python3
common=(--model "$model" --batch "$batch" --runs "$runs" --steps "$steps" --optimizer "$optimizer" --lr "$lr" --noise "$noise")
g=$($gpuae bench train --device cpu "${common[@]}" --json)
t1=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $py bench/torch_train.py "${common[@]}" --label "pytorch")
t2=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=68719476736 \
     $py bench/torch_train.py "${common[@]}" --label "pytorch+malloc-keep")
$py - "$g" "$t1" "$t2" <<'PY'
import json, sys
g, *ts = [json.loads(x) for x in sys.argv[1:]]
best = max(ts, key=lambda t: t["MedianImagesPerSecond"])
print(f"{'engine':<22} {'batch':>5} {'images/s (median)':>18} {'min':>9} {'max':>9} {'peak RSS':>9}")
print(f"{'gpuae cpu':<22} {g['Batch']:>5} {g['MedianImagesPerSecond']:>18.0f} {g['MinImagesPerSecond']:>9.0f} {g['MaxImagesPerSecond']:>9.0f} {g['PeakResidentBytes']/2**20:>7.0f}MB")
for t in ts:
    print(f"{t['Label']:<22} {t['Batch']:>5} {t['MedianImagesPerSecond']:>18.0f} {t['MinImagesPerSecond']:>9.0f} {t['MaxImagesPerSecond']:>9.0f} {t['PeakResidentBytes']/2**20:>7.0f}MB")
print(f"ratio gpuae / best pytorch ({best['Label']}): {g['MedianImagesPerSecond'] / best['MedianImagesPerSecond']:.2f}x")
PY
