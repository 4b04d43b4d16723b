#!/usr/bin/env python3
"""GpuAE <-> PyTorch through safetensors, for every catalog model (README: "Weights out and in").

For each model:
  1. gpuae trains it briefly (1 epoch on 256 Fashion-MNIST images), exports model.gae as
     gpuae.safetensors and writes its outputs for the first 100 test images (`gpuae encode
     --layer output`: reconstructions, or a classifier's logits);
  2. export: this script rebuilds the model in PyTorch from the file's "gpuae.model" metadata,
     loads the file into it and runs the same 100 clean test images (pixel/255, eval mode):
     the outputs must match gpuae's within 1e-5 (max absolute difference, relative to the largest
     output where that exceeds 1: a real-size classifier's logits reach thousands);
  3. import: it perturbs every weight (and keeps the BatchNorm variances positive), saves the
     state_dict as torch.safetensors (num_batches_tracked included, as int64, as PyTorch has it),
     `gpuae import`s that into a checkpoint and has gpuae encode the same images again: gpuae's
     outputs must match PyTorch's within 1e-5.
The safetensors files are read and written here with struct, json and numpy only (the `safetensors`
package is not needed), with the format's checks: 8-byte little-endian header length, JSON header
with dtype, shape and data_offsets, tensors back to back filling the data.

Run with Debian's python3-torch (apt-get install python3-torch):
  /usr/bin/python3 bench/safetensors_torch.py [--models all|dense,lenet,...] [--images 100] [--keep DIR]
Prints one line per model and exits non-zero if any difference reaches the tolerance.
"""
import argparse, gzip, json, os, shutil, struct, subprocess, sys, tempfile

import numpy as np
import torch
import torch.nn as nn

TOLERANCE = 1e-5
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# ---- safetensors, by hand -------------------------------------------------------------------

DTYPES = {"F32": (np.float32, 4), "F64": (np.float64, 8), "I64": (np.int64, 8), "I32": (np.int32, 4)}


def read_safetensors(path):
    """(metadata, {name: ndarray}) after the format's checks."""
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    assert n % 8 == 0 and 8 + n <= len(raw), f"{path}: header length {n}"
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()), "metadata must map strings to strings"
    data = raw[8 + n:]
    spans = sorted((info["data_offsets"], name) for name, info in header.items())
    expected = 0
    for (begin, end), name in spans:
        assert begin == expected, f"{name}: starts at {begin}, expected {expected}"
        expected = end
    assert expected == len(data), f"{len(data) - expected} bytes after the last tensor"
    tensors = {}
    for name, info in header.items():
        dtype, width = DTYPES[info["dtype"]]
        begin, end = info["data_offsets"]
        count = int(np.prod(info["shape"], dtype=np.int64))
        assert end - begin == count * width, f"{name}: {end - begin} bytes for shape {info['shape']}"
        tensors[name] = np.frombuffer(data[begin:end], dtype=np.dtype(dtype).newbyteorder("<")).reshape(info["shape"]).copy()
    return metadata, tensors


def write_safetensors(path, tensors, metadata):
    """Tensors back to back in name order; the header padded with spaces to a multiple of 8."""
    header, offset, blobs = {"__metadata__": metadata}, 0, []
    for name in sorted(tensors):
        array = np.ascontiguousarray(tensors[name])
        kind = {np.dtype(np.float32): "F32", np.dtype(np.int64): "I64"}[array.dtype]
        blob = array.astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": kind, "shape": list(array.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


# ---- GpuAE's catalog in PyTorch ---------------------------------------------------------------
# Each builder returns layer specs in GpuAE's order, so nn.Sequential's indices are GpuAE's layer
# indices and the state_dict names ("0.weight", "3.main0.bias", "5.running_mean") are the file's.

class Dense(nn.Linear):
    """GpuAE's Dense flattens whatever it gets (a 1x28x28 image, a CxHxW map)."""
    def forward(self, x):
        return super().forward(x.flatten(1))


class Flatten(nn.Module):
    def forward(self, x):
        return x.flatten(1)


class Reshape(nn.Module):
    def __init__(self, shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)


class GlobalAvgPool(nn.Module):
    def forward(self, x):
        return x.mean(dim=(2, 3))


class Residual(nn.Module):
    """out = main(x) + shortcut(x); sublayers named main0.., short0.. as GpuAE's ResidualBlock names them."""
    def __init__(self, main, shortcut):
        super().__init__()
        self.main_names = [f"main{i}" for i in range(len(main))]
        self.short_names = [f"short{i}" for i in range(len(shortcut))]
        for name, layer in zip(self.main_names + self.short_names, main + shortcut):
            self.add_module(name, layer)

    def forward(self, x):
        y = x
        for n in self.main_names:
            y = getattr(self, n)(y)
        s = x
        for n in self.short_names:
            s = getattr(self, n)(s)
        return y + s


# Specs: ("conv", out, k, stride, pad) ("convt", out, k, stride, pad, outpad) ("bn",) ("relu",) ("lrelu", alpha)
# ("sigmoid",) ("tanh",) ("pool",) ("poolceil",) ("up",) ("flatten",) ("dense", out) ("drop", p)
# ("reshape", c, h, w) ("gap",) ("res", main_specs, shortcut_specs)

def same(out, k):
    return ("conv", out, k, 1, (k - 1) // 2)


def conv_bn_relu(out):
    return [same(out, 3), ("bn",), ("relu",)]


def basic(cin, cout, stride=None):
    """A basic block; stride 2 where the width changes unless given; a 1x1 conv + BN shortcut when the shape changes."""
    stride = stride or (2 if cin != cout else 1)
    main = [("conv", cout, 3, stride, 1), ("bn",), ("relu",), same(cout, 3), ("bn",)]
    short = [("conv", cout, 1, stride, 0), ("bn",)] if cin != cout or stride != 1 else []
    return [("res", main, short), ("relu",)]


def stage(cin, cout):
    return basic(cin, cout, 1 if cin == cout else 2) + basic(cout, cout, 1)


def convs(*widths):
    return [s for w in widths for s in (same(w, 3), ("relu",))]


def tconvs(*widths):
    return [s for w in widths for s in (("convt", w, 3, 1, 1, 0), ("relu",))]


def up_bn_relu(out):
    return [("convt", out, 3, 2, 1, 1), ("bn",), ("relu",)]


def vgg_block(c):
    return conv_bn_relu(c) + conv_bn_relu(c) + [("pool",)]


def catalog(c):
    classes, channels, side = c["Classes"], c["InputChannels"], c["InputHeight"]
    lrelu = ("lrelu", 0.2)  # conv-mnist's LeakyReLU alpha (TensorFlow's default, the IJESRT model)
    vgg16 = convs(32, 64) + [("pool",)] + convs(128, 128) + [("pool",)] + convs(256, 256, 256) + [("poolceil",)] \
        + convs(512, 512, 512) + [("pool",)] + convs(512, 512, 512) + [("pool",)]
    up224 = [("up",), ("up",), ("up",)]
    resnet_stem = [("conv", 64, 7, 2, 3), ("bn",), ("relu",)]
    dense_head = [("flatten",), ("dense", 4096), ("relu",), ("drop", 0.5), ("dense", 4096), ("relu",), ("drop", 0.5), ("dense", classes)]
    resnet = [same(16, 3), ("bn",), ("relu",)]
    prev = 16
    for w in [16, 32, 64]:
        resnet += basic(prev, w) + basic(w, w)
        prev = w
    units = c.get("Units") or [500, 300, 100]
    stacked = [s for u in units for s in (("dense", u), ("sigmoid",))] + ([("dense", classes)] if classes > 0 else [])
    return {
        "dense": [("dense", c["Hidden"]), ("sigmoid",), ("dense", channels * side * c["InputWidth"]), ("sigmoid",)],
        "conv-keras": [same(64, 3), ("relu",), ("pool",), same(32, 3), ("relu",), ("pool",), same(16, 3), ("relu",), ("poolceil",),
                       same(16, 3), ("relu",), ("up",), same(32, 3), ("relu",), ("up",), ("conv", 64, 3, 1, 0), ("relu",), ("up",),
                       same(1, 3)],
        "conv-mnist": [same(32, 3), lrelu, ("pool",), same(32, 3), lrelu, ("pool",), same(32, 3), lrelu,
                       ("convt", 32, 3, 2, 1, 1), lrelu, ("convt", 32, 3, 2, 1, 1), lrelu, same(1, 3), ("sigmoid",)],
        "conv-linear": [("conv", 8, 3, 2, 1), ("relu",), ("conv", 16, 3, 2, 1), ("bn",), ("relu",), ("conv", 32, 3, 2, 0), ("relu",),
                        ("flatten",), ("dense", 128), ("relu",), ("dense", c["Latent"]), ("dense", 128), ("relu",), ("dense", 288), ("relu",),
                        ("reshape", 32, 3, 3), ("convt", 16, 3, 2, 0, 0), ("bn",), ("relu",), ("convt", 8, 3, 2, 1, 1), ("bn",), ("relu",),
                        ("convt", 1, 3, 2, 1, 1), ("sigmoid",)],
        "lenet": [("conv", 6, 5, 1, 2), ("relu",), ("pool",), ("conv", 16, 5, 1, 0), ("relu",), ("pool",),
                  ("flatten",), ("dense", 120), ("relu",), ("dense", 84), ("relu",), ("dense", classes)],
        "vgg-small": vgg_block(16) + vgg_block(32) + vgg_block(64) + [("flatten",), ("dense", 128), ("relu",), ("drop", 0.5), ("dense", classes)],
        "resnet-small": resnet + [("gap",), ("dense", classes)],
        "alexnet-small": [same(32, 5), ("relu",), ("pool",), same(64, 3), ("relu",), ("pool",), same(64, 3), ("relu",), same(64, 3), ("relu",),
                          same(64, 3), ("relu",), ("pool",), ("flatten",), ("drop", 0.5), ("dense", 128), ("relu",), ("drop", 0.5),
                          ("dense", 128), ("relu",), ("dense", classes)],
        "vgg-dae": conv_bn_relu(16) + conv_bn_relu(16) + [("pool",)] + conv_bn_relu(32) + conv_bn_relu(32) + [("pool",), ("up",)]
                   + conv_bn_relu(32) + conv_bn_relu(16) + [("up",)] + conv_bn_relu(16) + [same(channels, 3), ("sigmoid",)],
        "resnet-dae": conv_bn_relu(16) + basic(16, 32) + basic(32, 64) + up_bn_relu(32) + basic(32, 32) + up_bn_relu(16)
                      + [same(channels, 3), ("sigmoid",)],
        "alexnet-dae": [same(32, 5), ("relu",), ("pool",), same(64, 3), ("relu",), ("pool",), same(64, 3), ("relu",),
                        ("convt", 32, 3, 2, 1, 1), ("relu",), ("convt", 16, 3, 2, 1, 1), ("relu",), same(channels, 5), ("sigmoid",)],
        "stacked": stacked,
        "cnn-keras": [("conv", 32, 3, 1, 0), ("tanh",), ("pool",), ("bn",), ("drop", 0.2),
                      ("conv", 64, 3, 1, 0), ("tanh",), ("pool",), ("bn",), ("drop", 0.2),
                      ("conv", 128, 3, 1, 0), ("tanh",), ("bn",), ("drop", 0.2), ("conv", 128, 3, 1, 0), ("tanh",), ("bn",),
                      ("flatten",), ("drop", 0.2), ("dense", 328), ("drop", 0.2), ("dense", channels * side * c["InputWidth"]),
                      ("reshape", channels, side, c["InputWidth"])],
        "vgg16-dae": vgg16 + [("up",)] + convs(512, 512, 512) + [("up",)] + convs(512, 512, 512)
                     + [("up",), ("conv", 256, 2, 1, 0), ("relu",)] + convs(256, 256) + [("up",)] + convs(128, 128)
                     + [("up",)] + convs(64, 32) + [same(channels, 3), ("sigmoid",)],
        "vgg16": vgg16 + dense_head,
        "alexnet224-dae": up224 + [("conv", 96, 11, 4, 4), ("relu",), ("pool",), same(256, 5), ("relu",), ("pool",)]
                          + convs(384, 384, 256) + [("pool",), ("up",)] + tconvs(384, 384, 256)
                          + [("up",), ("convt", 96, 5, 1, 2, 0), ("relu",), ("up",), ("convt", 32, 11, 4, 4, 1), ("relu",),
                             ("conv", channels, 8, 8, 0), ("sigmoid",)],
        "alexnet224": up224 + [("conv", 96, 11, 4, 2), ("relu",), ("pool",), same(256, 5), ("relu",), ("pool",)]
                      + convs(384, 384, 256) + [("pool",), ("flatten",), ("drop", 0.5), ("dense", 4096), ("relu",), ("drop", 0.5),
                                                ("dense", 4096), ("relu",), ("dense", classes)],
        "resnet18-dae": resnet_stem + [("pool",)] + stage(64, 64) + stage(64, 128) + stage(128, 256) + stage(256, 512)
                        + [("up",)] + basic(512, 256, 1) + [("up",)] + basic(256, 128, 1) + [("up",)] + basic(128, 64, 1)
                        + [("up",)] + basic(64, 64, 1) + [("up",), same(32, 3), ("bn",), ("relu",), ("conv", channels, 5, 1, 0), ("sigmoid",)],
        "resnet18": resnet_stem + stage(64, 64) + stage(64, 128) + stage(128, 256) + [("flatten",), ("dense", classes)],
    }[c["Name"]]


def build(specs, shape):
    """nn modules for the specs, and the output shape (C, H, W), tracking sizes as GpuAE's Build does."""
    layers = []
    for s in specs:
        kind, (ch, h, w) = s[0], shape
        if kind == "conv":
            _, out, k, stride, pad = s
            layers.append(nn.Conv2d(ch, out, k, stride, pad))
            shape = (out, (h + 2 * pad - k) // stride + 1, (w + 2 * pad - k) // stride + 1)
        elif kind == "convt":
            _, out, k, stride, pad, outpad = s
            layers.append(nn.ConvTranspose2d(ch, out, k, stride, pad, outpad))
            shape = (out, (h - 1) * stride - 2 * pad + k + outpad, (w - 1) * stride - 2 * pad + k + outpad)
        elif kind == "bn":
            layers.append(nn.BatchNorm2d(ch, eps=1e-5, momentum=0.1))
        elif kind in ("pool", "poolceil"):
            ceil = kind == "poolceil"
            layers.append(nn.MaxPool2d(2, 2, ceil_mode=ceil))
            shape = (ch, -(-h // 2) if ceil else h // 2, -(-w // 2) if ceil else w // 2)
        elif kind == "up":
            layers.append(nn.Upsample(scale_factor=2, mode="nearest"))
            shape = (ch, 2 * h, 2 * w)
        elif kind == "dense":
            layers.append(Dense(ch * h * w, s[1]))
            shape = (s[1], 1, 1)
        elif kind == "flatten":
            layers.append(Flatten())
            shape = (ch * h * w, 1, 1)
        elif kind == "reshape":
            layers.append(Reshape(s[1:]))
            shape = tuple(s[1:])
        elif kind == "gap":
            layers.append(GlobalAvgPool())
            shape = (ch, 1, 1)
        elif kind == "drop":
            layers.append(nn.Dropout(s[1]))
        elif kind == "res":
            main, mshape = build(s[1], shape)
            short, sshape = build(s[2], shape)
            assert s[2] == [] or mshape == sshape
            layers.append(Residual(list(main), list(short)))
            shape = mshape
        elif kind == "lrelu":
            layers.append(nn.LeakyReLU(s[1]))
        else:
            layers.append({"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}[kind]())
    return nn.Sequential(*layers), shape


def torch_model(config):
    model, _ = build(catalog(config), (config["InputChannels"], config["InputHeight"], config["InputWidth"]))
    return model.eval()


def load_into(model, tensors):
    """Loads GpuAE's tensors; only PyTorch's BatchNorm counters may be missing from the file."""
    state = {k: torch.from_numpy(v) for k, v in tensors.items()}
    result = model.load_state_dict(state, strict=False)
    missing = [k for k in result.missing_keys if not k.endswith("num_batches_tracked")]
    assert not missing and not result.unexpected_keys, f"missing {missing}, unexpected {result.unexpected_keys}"


# ---- the round trips ----------------------------------------------------------------------------

def gpuae(*args):
    cmd = [*GPUAE, *args, "--quiet"] if args[0] in ("train", "encode") else [*GPUAE, *args]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"gpuae {' '.join(args)} failed ({r.returncode}): {r.stderr.strip() or r.stdout[-500:]}")
    return r.stdout


def test_images(data_dir, count):
    raw = gzip.open(os.path.join(data_dir, "fashion-mnist", "t10k-images-idx3-ubyte.gz")).read()
    images = np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 1, 28, 28)[:count]
    return torch.from_numpy(images.astype(np.float32) / np.float32(255))


def outputs(model, images):
    with torch.no_grad():
        return model(images).reshape(images.shape[0], -1).numpy()


def check(name, work, data_dir, images):
    folder = os.path.join(work, name)
    os.makedirs(folder, exist_ok=True)
    run = os.path.join(folder, "run")
    gpuae("train", "--model", name, "--epochs", "1", "--train-limit", "256", "--test-limit", str(len(images)), "--batch", "64",
          "--device", "cpu", "--data-dir", data_dir, "--dataset", "fashion-mnist", "--out", run)
    exported = os.path.join(folder, "gpuae.safetensors")
    gpuae("export", "--checkpoint", os.path.join(run, "model.gae"), "--out", exported)
    gpuae("encode", "--checkpoint", os.path.join(run, "model.gae"), "--layer", "output", "--limit", str(len(images)),
          "--device", "cpu", "--data-dir", data_dir, "--out", os.path.join(folder, "gpuae-out.npy"))
    metadata, tensors = read_safetensors(exported)
    config = json.loads(metadata["gpuae.model"])
    model = torch_model(config)
    load_into(model, tensors)
    reference = np.load(os.path.join(folder, "gpuae-out.npy"))
    scale = max(1.0, float(np.abs(reference).max()))
    export_diff = float(np.abs(outputs(model, images) - reference).max())

    generator = torch.Generator().manual_seed(7)
    with torch.no_grad():
        for key, value in model.state_dict().items():
            if value.dtype.is_floating_point:
                value.mul_(1 + 0.05 * torch.randn(value.shape, generator=generator))
                if key.endswith("running_var"):
                    value.abs_()
    written = os.path.join(folder, "torch.safetensors")
    write_safetensors(written, {k: v.numpy() for k, v in model.state_dict().items()}, {"format": "pt", "gpuae.model": json.dumps(config)})
    imported = os.path.join(folder, "imported.gae")
    gpuae("import", "--safetensors", written, "--out", imported)
    gpuae("encode", "--checkpoint", imported, "--layer", "output", "--limit", str(len(images)), "--dataset", "fashion-mnist",
          "--device", "cpu", "--data-dir", data_dir, "--out", os.path.join(folder, "imported-out.npy"))
    import_diff = float(np.abs(outputs(model, images) - np.load(os.path.join(folder, "imported-out.npy"))).max())
    parameters = sum(v.size for k, v in tensors.items() if not k.endswith(("running_mean", "running_var")))
    return parameters, export_diff, import_diff, scale


def main():
    global GPUAE
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--models", default="all")
    p.add_argument("--images", type=int, default=100)
    p.add_argument("--data-dir", default=os.path.join(ROOT, "data"))
    p.add_argument("--gpuae", default=None, help="command that runs gpuae (default: the Release build of src/GpuAE.Cli)")
    p.add_argument("--keep", default=None, help="folder for the runs and files (default: a temporary folder, removed)")
    a = p.parse_args()
    GPUAE = a.gpuae.split() if a.gpuae else ["dotnet", os.path.join(ROOT, "src/GpuAE.Cli/bin/Release/net10.0/gpuae.dll")]
    torch.set_num_threads(2)
    names = list(catalog_names()) if a.models == "all" else a.models.split(",")
    work = a.keep or tempfile.mkdtemp(prefix="gpuae-torch-")
    images = test_images(a.data_dir, a.images)
    print(f"{'model':<14} {'parameters':>10} {'export max|diff|':>17} {'import max|diff|':>17}  (PyTorch {torch.__version__}, {len(images)} test images, tolerance {TOLERANCE:g})")
    failed = []
    try:
        for name in names:
            parameters, e, i, scale = check(name, work, a.data_dir, images)
            ok = e < TOLERANCE * scale and i < TOLERANCE * scale
            print(f"{name:<14} {parameters:>10,} {e:>17.3e} {i:>17.3e}  {'ok' if ok else 'FAIL'}{f' (outputs up to {scale:.4g})' if scale > 1 else ''}", flush=True)
            if not ok:
                failed.append(name)
    finally:
        if a.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{len(names) - len(failed)} of {len(names)} models within {TOLERANCE:g} both ways" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


def catalog_names():
    stub = {"Name": "", "Classes": 10, "InputChannels": 1, "InputHeight": 28, "InputWidth": 28, "Hidden": 10, "Latent": 4}
    names = []
    for line in gpuae("models", "--brief").splitlines():
        if line and not line.startswith(" ") and " (" in line:
            name = line.split(" (")[0]
            catalog(dict(stub, Name=name))  # every catalog model must have a PyTorch twin here
            names.append(name)
    return names


if __name__ == "__main__":
    sys.exit(main())
