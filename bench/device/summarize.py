#!/usr/bin/env python3
"""The device check's numbers side by side, with the ratios issue 10 sets targets on.

    python3 bench/device/summarize.py OUT

reads the JSON lines that bench/device/run.sh left in OUT (bench_train.log and torch.log: the
GPU; cpu_train.log: the host's cores; cpu_threads.log: the CPU accelerator's scaling curve) and
prints three tables. Lines that are not JSON (progress, errors) are skipped; a missing file or
number prints as "-". Only the standard library: the device machine has no network.
"""
import json, os, sys


def records(path):
    if not os.path.exists(path):
        return []
    out = []
    with open(path, errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError:
                    pass
    return out


def rate(r):
    return r["MedianImagesPerSecond"] if r else None


def cell(v, fmt="{:,.0f}"):
    return "-" if v is None else fmt.format(v)


def ratio(a, b):
    return cell(a / b if a and b else None, "{:.2f}x")


def first(rs, **want):
    return next((r for r in rs if all(r.get(k) == v for k, v in want.items())), None)


def gpu_table(out):
    gpuae = records(os.path.join(out, "bench_train.log"))
    torch = records(os.path.join(out, "torch.log"))
    print("GPU: training images/s (medians), GpuAE beside PyTorch on the same GPU")
    print("| model, batch | GpuAE eager | GpuAE graph | launches/step (eager, graph) | PyTorch eager | PyTorch graph | GpuAE best / PyTorch eager | GpuAE best / PyTorch best |")
    print("|---|---|---|---|---|---|---|---|")
    keys = sorted({(r["Model"], r["Batch"]) for r in gpuae}, key=lambda k: (k[0], k[1]))
    for model, batch in keys:
        eager = first(gpuae, Model=model, Batch=batch, Graph=False, Fused=True)
        graph = first(gpuae, Model=model, Batch=batch, Graph=True)
        t_eager = first(torch, Model=model, Batch=batch, Mode="eager")
        t_graph = first(torch, Model=model, Batch=batch, Mode="graph")
        best = max((v for v in (rate(eager), rate(graph)) if v), default=None)
        t_best = max((v for v in (rate(t_eager), rate(t_graph)) if v), default=None)
        launches = f"{cell(eager and eager['KernelLaunchesPerStep'])}, {cell(graph and graph['KernelLaunchesPerStep'])}"
        print(f"| {model}, {batch} | {cell(rate(eager))} | {cell(rate(graph))} | {launches} | {cell(rate(t_eager))} | {cell(rate(t_graph))} "
              f"| {ratio(best, rate(t_eager))} | {ratio(best, t_best)} |")


def cpu_table(out):
    rs = records(os.path.join(out, "cpu_train.log"))
    print("\nHost CPU, all cores: GpuAE's CPU accelerator beside PyTorch with as many threads")
    print("| model | GpuAE cpu | PyTorch | ratio |")
    print("|---|---|---|---|")
    for model in sorted({r["Model"] for r in rs}):
        g = next((r for r in rs if r["Model"] == model and "Label" not in r), None)  # PyTorch's lines carry a Label
        t = next((r for r in rs if r["Model"] == model and "Label" in r), None)
        print(f"| {model} | {cell(rate(g))} | {cell(rate(t))} | {ratio(rate(g), rate(t))} |")


def threads_table(out):
    rs = records(os.path.join(out, "cpu_threads.log"))
    counts = sorted({r["Threads"] for r in rs})
    if not counts:
        return
    print("\nCPU accelerator by thread count: images/s (speed-up over 1 thread)")
    print("| model | " + " | ".join(str(c) for c in counts) + " |")
    print("|---|" + "---|" * len(counts))
    for model in sorted({r["Result"]["Model"] for r in rs}):
        by = {r["Threads"]: rate(r["Result"]) for r in rs if r["Result"]["Model"] == model}
        one = by.get(1)
        cells = [f"{cell(by.get(c))} ({ratio(by.get(c), one)})" if one else cell(by.get(c)) for c in counts]
        print(f"| {model} | " + " | ".join(cells) + " |")


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print("usage: summarize.py OUT (the folder bench/device/run.sh wrote)", file=sys.stderr)
        sys.exit(2)
    gpu_table(sys.argv[1])
    cpu_table(sys.argv[1])
    threads_table(sys.argv[1])


if __name__ == "__main__":
    main()
