#!/usr/bin/python3
"""Cross-check of `gpuae svm`: scikit-learn's SVC (which wraps libsvm) on the identical data.

Reads the gzipped IDX files gpuae reads (data/<dataset>/, already in GpuAE's sample order), takes
the first N train / M test images, scales pixels to [0,1] (pixel/255) and prints the accuracies as
one JSON line. Usage:
    /usr/bin/python3 bench/svm_sklearn.py --data-dir data --train-limit 5000 --test-limit 500 --c 5 --gamma 0.05
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
from sklearn.svm import SVC


def read_idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        sys.exit(f"svm_sklearn: {path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def find(directory, name):
    for candidate in (os.path.join(directory, name + ".gz"), os.path.join(directory, name)):
        if os.path.exists(candidate):
            return candidate
    sys.exit(f"svm_sklearn: {name} not found in {directory} (run `gpuae data fetch`)")


def load(directory, split, limit):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(find(directory, f"{prefix}-images-idx3-ubyte"))[:limit]
    labels = read_idx(find(directory, f"{prefix}-labels-idx1-ubyte"))[:limit]
    return images.reshape(len(images), -1).astype(np.float64) / 255.0, labels.astype(np.int64)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dataset", default="fashion-mnist")
    p.add_argument("--data-dir", default="data")
    p.add_argument("--train-limit", type=int, default=5000)
    p.add_argument("--test-limit", type=int, default=500)
    p.add_argument("--c", type=float, default=5.0)
    p.add_argument("--gamma", type=float, default=0.05)
    a = p.parse_args()
    directory = os.path.join(a.data_dir, a.dataset)
    x_train, y_train = load(directory, "train", a.train_limit)
    x_test, y_test = load(directory, "test", a.test_limit)
    start = time.perf_counter()
    model = SVC(C=a.c, gamma=a.gamma, kernel="rbf").fit(x_train, y_train)
    train_seconds = time.perf_counter() - start
    start = time.perf_counter()
    test_accuracy = float((model.predict(x_test) == y_test).mean())
    predict_seconds = time.perf_counter() - start
    train_accuracy = float((model.predict(x_train) == y_train).mean())
    print(json.dumps({
        "dataset": a.dataset, "train_count": len(y_train), "test_count": len(y_test), "c": a.c, "gamma": a.gamma,
        "train_accuracy": train_accuracy, "test_accuracy": test_accuracy,
        "support_vectors": int(model.support_.size), "train_seconds": round(train_seconds, 3),
        "test_predict_seconds": round(predict_seconds, 3),
    }))


if __name__ == "__main__":
    main()
