#!/usr/bin/env python3
"""Peer for `prepare --no-detect --dtype uint8` (issue 19): the study's preparation as a plain one-process script.

What a researcher would write with OpenCV and NumPy, doing the work the tool does without face detection:
  - scan a folder per class (classes and files sorted), read every file, SHA-256 of its bytes, decode it with OpenCV
    (an image that does not decode is left out);
  - stratified split, 25% of each class to test (seeded shuffle);
  - oversample the train side to the largest class: copies of the class's images in turn, each with its own seeded
    draw of the study's augmentation (rotation uniform in [0, 90] degrees counter-clockwise about the centre, the edge
    replicated as the tool's default border; brightness factor uniform in [0.2, 1.0]; horizontal flip with probability 0.5);
  - every row decoded again, augmented if a copy, resized to 96x96 with INTER_AREA, written as uint8 into x_train.npy /
    x_test.npy (np.lib.format.open_memmap, rows streamed) with int64 labels in y_train.npy / y_test.npy.
It reads the same files and writes the same kind of arrays as the tool; it does not look for duplicates, write a
manifest or check anything else, so it is the cheaper program of the two.

One process, one core: OpenCV's own threads are off (cv2.setNumThreads(0)), as a plain script on a cluster node
would have them limited. Prints one line: sources, rows, seconds inside the script; time the whole process from
outside (/usr/bin/time), as `java -jar fer-workbench.jar prepare ...` is timed.

usage: prepare_nodetect.py <dataset> <out-folder> [--size 96] [--seed 42]
Needs python3-opencv and python3-numpy (Debian 12).
"""
import argparse
import hashlib
import os
import sys
import time

import cv2
import numpy as np

EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".webp")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("out")
    ap.add_argument("--size", type=int, default=96)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    cv2.setNumThreads(0)
    start = time.time()

    classes = sorted(d for d in os.listdir(args.dataset) if os.path.isdir(os.path.join(args.dataset, d)))
    sources = []  # (path, label)
    for label, cls in enumerate(classes):
        folder = os.path.join(args.dataset, cls)
        for name in sorted(os.listdir(folder)):
            if name.lower().endswith(EXTENSIONS):
                sources.append((os.path.join(folder, name), label))

    # read: hash and decode every file once, keep what decodes
    usable = []
    for path, label in sources:
        with open(path, "rb") as f:
            data = f.read()
        hashlib.sha256(data).hexdigest()
        image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        if image is not None:
            usable.append((path, label))

    # stratified split and oversampling plan
    rng = np.random.default_rng(args.seed)
    train, test = [], []
    by_class = [[s for s in usable if s[1] == label] for label in range(len(classes))]
    for members in by_class:
        order = rng.permutation(len(members))
        n_test = int(len(members) * 0.25 + 0.5)
        test += [members[i] for i in order[:n_test]]
        train += [members[i] for i in order[n_test:]]
    train_by_class = [[s for s in train if s[1] == label] for label in range(len(classes))]
    target = max(len(m) for m in train_by_class)
    jobs_train = [(path, label, None) for path, label in train]
    copy = 0
    for members in train_by_class:
        for k in range(target - len(members)):
            path, label = members[k % len(members)]
            jobs_train.append((path, label, copy))
            copy += 1

    os.makedirs(args.out, exist_ok=True)
    size = args.size
    for split, jobs in (("train", jobs_train), ("test", [(p, l, None) for p, l in test])):
        x = np.lib.format.open_memmap(os.path.join(args.out, "x_%s.npy" % split), mode="w+", dtype=np.uint8,
                                      shape=(len(jobs), size, size, 3))
        y = np.lib.format.open_memmap(os.path.join(args.out, "y_%s.npy" % split), mode="w+", dtype=np.int64,
                                      shape=(len(jobs),))
        for i, (path, label, copy) in enumerate(jobs):
            image = cv2.imdecode(np.fromfile(path, np.uint8), cv2.IMREAD_COLOR)
            image = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
            if copy is not None:
                draw = np.random.default_rng([args.seed, copy])
                angle, factor, flip = draw.uniform(0, 90), draw.uniform(0.2, 1.0), draw.random() < 0.5
                h, w = image.shape[:2]
                m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
                image = cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
                image = cv2.convertScaleAbs(image, alpha=factor)
                if flip:
                    image = cv2.flip(image, 1)
            x[i] = cv2.resize(image, (size, size), interpolation=cv2.INTER_AREA)
            y[i] = label
        x.flush()
        y.flush()
        del x, y

    print("%d sources, %d rows, %.2f s" % (len(sources), len(jobs_train) + len(test), time.time() - start))


if __name__ == "__main__":
    sys.exit(main())
