#!/usr/bin/env bash
# Runs every `gpuae reproduce` preset in full (several seeds where two CPU cores afford them), then
# rewrites the README's results block from the run folders (`gpuae reproduce results`), so that no
# number there is typed by hand. A preset whose folder already holds reproduce.json is skipped, so an
# interrupted run continues where it stopped (FORCE=1 reruns everything).
#
#   tools/reproduce-all.sh                 # everything that fits the device (see GPU below)
#   ONLY="dense-noise stacked-lr" tools/reproduce-all.sh
#   OUT=runs/reproduce-full DEVICE=cuda tools/reproduce-all.sh
#
# The Group2 preset at full size (VGG-16, AlexNet at 224x224, ResNet-18) runs only when DEVICE is a
# GPU (cuda or opencl) or GPU=1; on a CPU it is listed in the README as waiting for a GPU.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-runs/reproduce-full}
DEVICE=${DEVICE:-auto}
ONLY=${ONLY:-}
FORCE=${FORCE:-0}
README=${README:-README.md}
case "$DEVICE" in cuda*|opencl*) GPU=${GPU:-1} ;; *) GPU=${GPU:-0} ;; esac

# Run from a private copy of the build, so that rebuilding the working tree cannot change a running job.
dotnet build src/GpuAE.Cli -c Release -v q -nologo
BIN="$OUT/.gpuae-bin"
rm -rf "$BIN" && mkdir -p "$BIN" && cp -r src/GpuAE.Cli/bin/Release/net10.0/. "$BIN/"
GPUAE="$BIN/gpuae"
LOG="$OUT/reproduce-all.log"

# run PRESET [--recipe best] [--quick] [--seeds S]: skipped when its folder is already complete.
run() {
  local preset=$1; shift
  local folder=$preset
  [[ " $* " == *" --recipe best "* ]] && folder+="-best"
  [[ " $* " == *" --quick "* ]] && folder+="-quick"
  if [ -n "$ONLY" ] && [[ " $ONLY " != *" $preset "* ]]; then return 0; fi
  if [ "$FORCE" != 1 ] && [ -f "$OUT/$folder/reproduce.json" ]; then echo "reproduce-all: $folder done, skipped"; return 0; fi
  echo "reproduce-all: $(date -u +%FT%TZ) $preset $*" | tee -a "$LOG"
  local start=$SECONDS
  nice -n 10 "$GPUAE" reproduce "$preset" "$@" --device "$DEVICE" --out "$OUT" >> "$LOG" 2>&1
  echo "reproduce-all: $folder finished in $((SECONDS - start)) s" | tee -a "$LOG"
}

# The study's recipe, the presets with the most reported numbers first; seeds where a run takes minutes.
run stacked-lr --seeds 1-5
run stacked-noise --seeds 1-5
run stacked-labels --seeds 1-5
run svm-baseline --seeds 1-5
run conv-noise-types --seeds 1-3
run conv-gaussian-sigma --seeds 1-3
run conv-mnist-gaussian --seeds 1-3
run dense-lr --seeds 1-2
run dense-hidden --seeds 1-2
run dense-noise --seeds 1-5
run deep-denoise-classify --quick --seeds 1-3

# GpuAE's better recipes, where a preset has one.
run stacked-labels --recipe best --seeds 1-5
run svm-baseline --recipe best --seeds 1-5
run conv-noise-types --recipe best
run conv-gaussian-sigma --recipe best
run dense-noise --recipe best
run deep-denoise-classify --recipe best --quick --seeds 1-3
run conv-saltpepper --recipe best

# Long: about ten hours on two quiet CPU cores (1000 and 600 epochs); the quick run first, so the
# results show the Windsor rows meanwhile.
run conv-saltpepper --quick --seeds 1-3
run conv-saltpepper

if [ "$GPU" = 1 ]; then
  run deep-denoise-classify
  run deep-denoise-classify --recipe best
fi

"$GPUAE" reproduce results "$OUT" --readme "$README"
