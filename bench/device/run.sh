#!/usr/bin/env bash
# GpuAE's device check, for a bare CUDA machine (NVIDIA driver; no .NET, no network), run from the
# repository root after bench/device/pack.sh: devices, every accelerator test class in its own
# process (a crash names its class), kernel benchmarks and training benchmarks on CUDA, and
# PyTorch on the same GPU where python3 has torch. Every step has a cap and the whole run a
# deadline (DEADLINE seconds, default 480); logs go to $OUT (default /tmp/out), summary.log first.
set -u
root=$(pwd); P=${PACK:-$root/.device-pack}; OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"; S=$OUT/summary.log
START=$(date +%s); DEADLINE=${DEADLINE:-480}
left() { echo $(( DEADLINE - ($(date +%s) - START) )); }
step() { local name=$1 cap=$2; shift 2; local l; l=$(left); local t=$(( cap < l - 5 ? cap : l - 5 ))
  if [ $t -lt 10 ]; then echo "== SKIP $name (deadline)" >>"$S"; return; fi
  echo "== +$(( $(date +%s) - START ))s $name" >>"$S"; timeout -k 5 $t "$@"; echo "== $name exit $?" >>"$S"; }
mkdir -p /tmp/dn /tmp/app && tar -xJf "$P/dotnet-rt.tar.xz" -C /tmp/dn && tar -xJf "$P/app.tar.xz" -C /tmp/app
export DOTNET_ROOT=/tmp/dn PATH=/tmp/dn:$PATH DOTNET_ROLL_FORWARD=Major DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_NOLOGO=1
# CUDA libraries (cuBLAS) under /usr/local/cuda; the driver under /usr/local/nvidia on some images.
export LD_LIBRARY_PATH=/usr/local/cuda/lib64:/usr/local/cuda/targets/x86_64-linux/lib:/usr/local/nvidia/lib64:${LD_LIBRARY_PATH:-}
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv >>"$S" 2>&1
G="dotnet /tmp/app/gpuae.dll"; X="dotnet /tmp/app/GpuAE.Tests.dll -noColor -noLogo -parallel none"
D="--data-dir $P/data --dataset mnist"
step devices 60 $G devices >>"$S" 2>&1
# One test class per process: the device tests on CUDA and OpenCL, the ILGPU runtime tests, training parity.
classes=$($X -list classes 2>/dev/null | grep -E 'On(Cuda|OpenCl)$|KernelRuntimeTests|ConvRuntimeTests|AcceleratorThreadingTests|PtxCompileTests|TrainingParity|DeepModelTraining' || true)
for c in $classes; do
  step "test $c" 120 $X -class "$c" >"$OUT/t_${c##*.}.log" 2>&1
  grep -E "Total:|\[FAIL\]" "$OUT/t_${c##*.}.log" | tail -3 >>"$S"
done
tar -czf "$OUT/tests.tar.gz" -C "$OUT" $(cd "$OUT" && ls t_*.log 2>/dev/null) 2>/dev/null && rm -f "$OUT"/t_*.log
step bench-kernels 150 $G bench kernels --device cuda --repeats 5 >"$OUT/bench_kernels.log" 2>&1
# Training speed, GpuAE and PyTorch side by side per model (same optimizer, rate, noise and batch).
recipe() { case $1 in dense) echo "--optimizer sgd --lr 0.1 --noise mask:0.2";; conv-keras) echo "--optimizer adam --lr 0.001 --noise saltpepper:0.1";; *) echo "--optimizer adam --lr 0.001 --noise gaussian:0.5";; esac; }
torch=no; python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null && torch=yes
for m in dense conv-keras conv-mnist; do
  step "bench-train $m" 90 $G bench train --device cuda $D --model $m --batch 128,1024 --runs 5 --steps 20 --json $(recipe $m) >>"$OUT/bench_train.log" 2>&1
  [ $torch = yes ] || continue
  for b in 128 1024; do for mode in eager graph; do
    step "torch $m $b $mode" 60 python3 bench/torch_train.py --device cuda --mode $mode --model $m --batch $b --runs 5 --steps 20 \
      --data-dir "$P/data" --dataset mnist --label "pytorch-$mode" $(recipe $m) >>"$OUT/torch.log" 2>&1
  done; done
done
echo "== done +$(( $(date +%s) - START ))s" >>"$S"
