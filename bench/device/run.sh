#!/usr/bin/env bash
# GpuAE's device check, for a bare CUDA machine (NVIDIA driver; no .NET, no network), run from the
# repository root after bench/device/pack.sh: devices, the device tests on CUDA, training
# benchmarks (GpuAE eager and graph, PyTorch eager and graph on the same GPU where python3 has
# torch), a layer profile, kernel benchmarks, and both on the host's CPUs. Every step has a cap and the whole run a
# deadline (DEADLINE seconds, default 480); logs go to $OUT (default /tmp/out), summary.log first,
# ending with bench/device/summarize.py's tables (GpuAE beside PyTorch, with the ratios).
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
step doctor 60 $G doctor --data-dir "$P/data" >>"$S" 2>&1
# The device tests in one process, on CUDA only (GPUAE_TEST_RUNTIMES): the op-family parity
# classes' CUDA subclasses and every theory over accelerators; -parallel none, one test at a time.
cls=$($X -list classes 2>/dev/null | grep -E 'OnCuda$|RuntimeTests$|AcceleratorThreading|AcceleratorCollection|StepGraph|DeviceDiscovery|Tuner|Tuning|TrainingParity|DeepModelTraining|GreedyPretraining|StackedFeatures|ClassificationCore|PtxCompile|DeviceSplit|LayerFusion' | sed 's/^/-class /' | tr '\n' ' ')
GPUAE_TEST_RUNTIMES=cuda step tests 170 $X $cls >"$OUT/tests.log" 2>&1
grep -E "Total:|\[FAIL\]" "$OUT/tests.log" | tail -25 >>"$S"
# Training speed, GpuAE (eager with --no-graph, then the default: the step as a CUDA graph) and PyTorch (eager, graph) side by
# side per model: same optimizer, rate, noise and batch; the tuning cache is written on the first.
recipe() { case $1 in dense) echo "--optimizer sgd --lr 0.1 --noise mask:0.2";; conv-keras) echo "--optimizer adam --lr 0.001 --noise saltpepper:0.1";; *) echo "--optimizer adam --lr 0.001 --noise gaussian:0.5";; esac; }
torch=no; python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null && torch=yes
for m in dense conv-keras conv-mnist; do
  step "bench-train $m" 60 $G bench train --device cuda --no-graph $D --model $m --batch 128,1024 --runs 5 --steps 20 --json $(recipe $m) >>"$OUT/bench_train.log" 2>&1
  step "bench-train $m graph" 40 $G bench train --device cuda --graph $D --model $m --batch 128,1024 --runs 5 --steps 20 --json $(recipe $m) >>"$OUT/bench_train.log" 2>&1
  [ $torch = yes ] && step "torch $m" 60 python3 bench/torch_train.py --device cuda --mode eager,graph --model $m --batch 128,1024 --runs 5 --steps 20 \
      --data-dir "$P/data" --dataset mnist --label pytorch $(recipe $m) >>"$OUT/torch.log" 2>&1
done
# Layer fusion on the GPU (the fused ops are separate launches there: fewer launches, same work).
step "bench-train conv-keras no-fuse" 40 $G bench train --device cuda --no-graph --no-fuse $D --model conv-keras --batch 128,1024 --runs 5 --steps 20 --json $(recipe conv-keras) >>"$OUT/bench_train.log" 2>&1
step profile 40 $G bench train --device cuda $D --model conv-keras --batch 128 --layers $(recipe conv-keras) >"$OUT/profile.log" 2>&1
step "profile 1024" 40 $G bench train --device cuda $D --model conv-keras --batch 1024 --layers $(recipe conv-keras) >>"$OUT/profile.log" 2>&1
step bench-kernels 60 $G bench kernels --device cuda --repeats 5 --peak-gflops 67000 >"$OUT/bench_kernels.log" 2>&1
step bench-gemm 30 $G bench kernels --device cuda --op gemm --sizes 1024,4096 --repeats 5 --peak-gflops 67000 >>"$OUT/bench_kernels.log" 2>&1
cp ~/.cache/gpuae/tuning.json "$OUT/" 2>/dev/null
# The host's CPUs: GpuAE's CPU accelerator and PyTorch with every core, batch 128.
for m in dense conv-keras conv-mnist; do
  step "cpu $m" 30 $G bench train --device cpu $D --model $m --batch 128 --runs 3 --steps 10 --json $(recipe $m) >>"$OUT/cpu_train.log" 2>&1
  [ $torch = yes ] && step "torch cpu $m" 30 python3 bench/torch_train.py --device cpu --threads "$(nproc)" --model $m --batch 128 --runs 3 --steps 10 \
    --data-dir "$P/data" --dataset mnist --label "pytorch-cpu" $(recipe $m) >>"$OUT/cpu_train.log" 2>&1
done
# How the CPU accelerator scales with cores (issue 10's 16-core target), one child process per count.
step "cpu threads dense" 90 $G bench train --device cpu $D --threads 1,2,4,8,16 --model dense --batch 128 --runs 3 --steps 10 --json $(recipe dense) >>"$OUT/cpu_threads.log" 2>&1
step "cpu threads conv-keras" 90 $G bench train --device cpu $D --threads 1,2,4,8,16 --model conv-keras --batch 128 --runs 3 --steps 10 --json $(recipe conv-keras) >>"$OUT/cpu_threads.log" 2>&1
python3 bench/device/summarize.py "$OUT" >>"$S" 2>&1 # both sides and the ratios, as tables
echo "== done +$(( $(date +%s) - START ))s" >>"$S"
