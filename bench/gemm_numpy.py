#!/usr/bin/env python3
"""SGEMM timing for numpy (OpenBLAS): one JSON line per shape with median ms, min ms and GFLOP/s (from the median).

Usage: gemm_numpy.py [--reps N] [--shapes NAME:MxNxK[:TT],...]
Shapes default to the square sizes 256..2048 and the dense-autoencoder training shapes.
The transpose flags (N/T for A and B) are applied as views, as numpy passes them to BLAS.
"""
import argparse
import json
import statistics
import sys
import time

import numpy as np

DEFAULT_SHAPES = [
    "sq256:256x256x256:NN", "sq512:512x512x512:NN", "sq1024:1024x1024x1024:NN",
    "sq2048:2048x2048x2048:NN",
    "fwd:128x1000x784:NT", "gradW:1000x784x128:TN", "gradX:128x784x1000:NN",
]


def parse_shape(text):
    parts = text.split(":")
    name, dims = parts[0], parts[1]
    trans = parts[2] if len(parts) > 2 else "NN"
    m, n, k = (int(x) for x in dims.split("x"))
    return name, m, n, k, trans


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return [{"api": p.get("internal_api"), "threads": p.get("num_threads"),
                 "arch": p.get("architecture"), "lib": p.get("filepath")} for p in threadpool_info()]
    except ImportError:
        return None


def time_one(m, n, k, trans, reps):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((k, m) if trans[0] == "T" else (m, k), dtype=np.float32)
    b = rng.standard_normal((n, k) if trans[1] == "T" else (k, n), dtype=np.float32)
    opa = a.T if trans[0] == "T" else a
    opb = b.T if trans[1] == "T" else b
    c = np.empty((m, n), dtype=np.float32)
    flops = 2.0 * m * n * k
    inner = max(1, int(2e8 / flops))  # repeat small problems so one sample is ~0.1 s
    for _ in range(3):
        np.matmul(opa, opb, out=c)
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(inner):
            np.matmul(opa, opb, out=c)
        samples.append((time.perf_counter() - t0) / inner)
    med = statistics.median(samples)
    return med * 1e3, min(samples) * 1e3, flops / med / 1e9


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=9)
    ap.add_argument("--shapes", default=",".join(DEFAULT_SHAPES))
    args = ap.parse_args()
    print(json.dumps({"impl": "numpy", "numpy": np.__version__, "blas": blas_info()}), file=sys.stderr)
    for text in args.shapes.split(","):
        name, m, n, k, trans = parse_shape(text)
        ms, min_ms, gflops = time_one(m, n, k, trans, args.reps)
        print(json.dumps({"impl": "numpy", "name": name, "m": m, "n": n, "k": k, "trans": trans,
                          "median_ms": round(ms, 4), "min_ms": round(min_ms, 4), "gflops": round(gflops, 2)}), flush=True)


if __name__ == "__main__":
    main()
