#!/usr/bin/env python3
"""Peer for `detect`: facenet-pytorch's MTCNN, batched, over every image of a folder tree (issue 13's target).

The reference detector itself (facenet-pytorch MTCNN.detect with its defaults: min face 20, thresholds 0.6/0.7/0.7,
factor 0.709), fed the way its documentation recommends for throughput: decoded images of one size in batches.
Prints one line: images, faces, seconds inside the script. Time the whole process from outside (/usr/bin/time),
as `detect` is timed. facenet-pytorch is not part of this project: point PYTHONPATH at a copy of it (pip install
facenet-pytorch, or its source with the package folder named facenet_pytorch); it needs torch, torchvision,
Pillow and tqdm (Debian 12: python3-torch python3-torchvision python3-pil python3-tqdm).

usage: facenet_pytorch_detect.py <folder> [--batch 128] [--threads N]
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
from PIL import Image
from facenet_pytorch import MTCNN


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    args = ap.parse_args()
    start = time.time()
    torch.set_num_threads(args.threads)
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(args.folder) for f in fs
                   if f.lower().endswith((".jpg", ".jpeg", ".png")))
    mtcnn = MTCNN(keep_all=True, device="cpu")
    # batches need one size: group by size, keep file order within a group
    by_size = {}
    for f in files:
        im = Image.open(f).convert("RGB")
        by_size.setdefault(im.size, []).append(np.asarray(im))
    faces = 0
    with torch.no_grad():
        for images in by_size.values():
            for i in range(0, len(images), args.batch):
                boxes, _ = mtcnn.detect(images[i:i + args.batch])
                faces += sum(0 if b is None else len(b) for b in boxes)
    print(f"{len(files)} images, {faces} faces, {time.time() - start:.2f} s in the script", file=sys.stderr)


if __name__ == "__main__":
    main()
