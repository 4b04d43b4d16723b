#!/usr/bin/env python3
"""PyTorch side of `bench/compare-train.sh` and of the GPU device check (bench/device/run.sh):
trains the same model, on the same data and batch as `gpuae bench train`, and prints one JSON
line with the median images/s.

On `--device cuda` the data lives on the GPU and FP32 is strict (TF32 off), as GpuAE computes;
`--mode graph` captures the whole step (noise, forward, loss, backward, optimizer) as a CUDA
graph once and replays it: PyTorch at its best. Timing synchronises the GPU at each run's end.

The dense model is GpuAE's `dense`: 784 -> H (sigmoid) -> 784 (sigmoid), binary cross-entropy
from logits summed over pixels and averaged over the batch, masking noise drawn per batch,
plain SGD. Timing: warm-up steps, then `runs` runs of `steps` steps; median images/s.
Run with Debian's python3-torch; see compare-train.sh for the environment (threads, BLAS).
"""
import argparse, gzip, json, os, resource, statistics, sys, time

import numpy as np
import torch
import torch.nn as nn


def load_images(data_dir, dataset):
    path = os.path.join(data_dir, dataset, "train-images-idx3-ubyte.gz")
    if not os.path.exists(path):
        print(f"note: {path} missing; timing on random images", file=sys.stderr)
        return torch.rand(4096, 784)
    with gzip.open(path, "rb") as f:
        raw = f.read()
    images = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784)
    return torch.from_numpy(images.astype(np.float32) / 255.0)


def dense(hidden):
    # The final sigmoid is folded into BCEWithLogitsLoss, as GpuAE does.
    return nn.Sequential(nn.Linear(784, hidden), nn.Sigmoid(), nn.Linear(hidden, 784))


def conv_keras():
    """GpuAE's conv-keras (49,761 parameters), NCHW, MSE on the linear output (the Windsor authors' model)."""
    c = lambda i, o, p=1: nn.Conv2d(i, o, 3, padding=p)
    return nn.Sequential(
        c(1, 64), nn.ReLU(), nn.MaxPool2d(2), c(64, 32), nn.ReLU(), nn.MaxPool2d(2),
        c(32, 16), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True),
        c(16, 16), nn.ReLU(), nn.Upsample(scale_factor=2), c(16, 32), nn.ReLU(), nn.Upsample(scale_factor=2),
        c(32, 64, 0), nn.ReLU(), nn.Upsample(scale_factor=2), c(64, 1))


def conv_mnist():
    """GpuAE's conv-mnist (the IJESRT model); the final sigmoid is folded into BCEWithLogitsLoss."""
    a = lambda: nn.LeakyReLU(0.2)
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), a(), nn.MaxPool2d(2), nn.Conv2d(32, 32, 3, padding=1), a(), nn.MaxPool2d(2),
        nn.Conv2d(32, 32, 3, padding=1), a(),
        nn.ConvTranspose2d(32, 32, 3, stride=2, padding=1, output_padding=1), a(),
        nn.ConvTranspose2d(32, 32, 3, stride=2, padding=1, output_padding=1), a(),
        nn.Conv2d(32, 1, 3, padding=1))


def corrupt(clean, noise):
    kind, _, level = noise.partition(":")
    level = float(level or 0)
    u = torch.rand_like(clean)
    if kind == "mask":
        return clean * (u >= level)
    if kind == "saltpepper":
        salt = (torch.rand_like(clean) < 0.5).float()
        return torch.where(u < level, salt, clean)
    if kind == "gaussian":
        return (clean + level * torch.randn_like(clean)).clamp(0, 1)
    sys.exit(f"torch_train.py: noise '{noise}' not implemented here")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="dense")
    p.add_argument("--hidden", type=int, default=1000)
    p.add_argument("--batch", default="128", help="batch size, or several separated by commas")
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--noise", default="mask:0.2")
    p.add_argument("--optimizer", default="sgd")
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--dataset", default="fashion-mnist")
    p.add_argument("--data-dir", default="data")
    p.add_argument("--label", default="pytorch")
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    p.add_argument("--mode", default="eager", help="eager | graph (CUDA-graph capture, cuda only), or both separated by commas")
    a = p.parse_args()
    modes = a.mode.split(",")
    if any(m not in ("eager", "graph") for m in modes):
        sys.exit(f"torch_train.py: --mode '{a.mode}': each must be eager or graph")
    if "graph" in modes and a.device != "cuda":
        sys.exit("torch_train.py: --mode graph needs --device cuda")
    if a.model not in ("dense", "conv-keras", "conv-mnist"):
        sys.exit(f"torch_train.py: model '{a.model}' not implemented here")

    torch.set_num_threads(a.threads)
    device = torch.device(a.device)
    if a.device == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = False  # strict FP32, as GpuAE
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cudnn.benchmark = True
    data = load_images(a.data_dir, a.dataset).to(device)
    # One process times every batch and mode: Python, torch and CUDA start once.
    for batch in (int(b) for b in a.batch.split(",")):
        for mode in modes:
            time_training(a, data, batch, mode, device)


def time_training(a, data, batch, mode, device):
    torch.manual_seed(1)
    if a.model == "dense":
        model, loss_fn, shape = dense(a.hidden), nn.BCEWithLogitsLoss(reduction="sum"), (-1, 784)
    elif a.model == "conv-keras":
        model, loss_fn, shape = conv_keras(), nn.MSELoss(reduction="sum"), (-1, 1, 28, 28)
    else:
        model, loss_fn, shape = conv_mnist(), nn.BCEWithLogitsLoss(reduction="sum"), (-1, 1, 28, 28)
    model = model.to(device)
    data = data.reshape(shape)
    graph = mode == "graph"
    # capturable Adam keeps its step count on the GPU, so the captured step can be replayed.
    opt = (torch.optim.Adam(model.parameters(), lr=a.lr, capturable=graph) if a.optimizer == "adam"
           else torch.optim.SGD(model.parameters(), lr=a.lr))
    batches = data.shape[0] // batch
    state = {"step": 0}
    static_clean = data[:batch].clone()

    def train_step(clean):
        noisy = corrupt(clean, a.noise)
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(model(noisy), clean) / batch
        loss.backward()
        opt.step()

    def next_batch():
        b = state["step"] % batches
        state["step"] += 1
        return data[b * batch:(b + 1) * batch]

    if graph:
        # Warm up on a side stream (as PyTorch's documentation prescribes), then capture one step.
        side = torch.cuda.Stream()
        side.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(side):
            for _ in range(max(3, a.warmup)):
                static_clean.copy_(next_batch())
                train_step(static_clean)
        torch.cuda.current_stream().wait_stream(side)
        g = torch.cuda.CUDAGraph()
        with torch.cuda.graph(g):
            train_step(static_clean)

        def step():
            static_clean.copy_(next_batch())  # the batch upload stays outside the graph
            g.replay()
    else:
        def step():
            train_step(next_batch())
        for _ in range(a.warmup):
            step()
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    sync()
    rates = []
    for _ in range(a.runs):
        t = time.perf_counter()
        for _ in range(a.steps):
            step()
        sync()
        rates.append(a.steps * batch / (time.perf_counter() - t))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"Label": f"{a.label}-{mode}" if len(a.mode.split(",")) > 1 else a.label, "Model": a.model, "Batch": batch, "Device": device.type, "Mode": mode, "Threads": torch.get_num_threads(),
                      "MedianImagesPerSecond": statistics.median(rates), "MinImagesPerSecond": min(rates),
                      "MaxImagesPerSecond": max(rates), "PeakResidentBytes": peak}))


if __name__ == "__main__":
    main()
