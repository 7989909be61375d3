#!/usr/bin/env python3
"""Peer for `prepare` with face detection in the study's order, augment then detect (issue 19).

What a researcher would write with facenet-pytorch, OpenCV and NumPy, doing the work the tool does by default:
  - scan a folder per class (classes and files sorted), read every file, SHA-256 of its bytes, decode it with OpenCV
    (an image that does not decode is left out), and find the faces of every source with MTCNN (facenet-pytorch's
    MTCNN(keep_all=True) with its defaults, RGB input, batched over the images of one size, blocks of 512 sources);
  - stratified split, 25% of each class to test (seeded shuffle), as prepare_nodetect.py;
  - a train source with no face or several faces is dropped (the study), then the train side is oversampled to the
    largest class with copies of the class's sources in turn, each with the augmentation draw of prepare_nodetect.py
    (rotation uniform in [0, 90] degrees counter-clockwise about the centre, edge replicated; brightness factor
    uniform in [0.2, 1.0]; horizontal flip with probability 0.5);
  - every copy is detected again after its augmentation (batched as above, a block of 512 rows at a time); a copy
    with no face or several faces is drawn again with its own seed, up to --max-attempts draws per source (the
    tool's default, 10), then from the next source of its class, over up to 5 sources, then given up;
  - alignment: rotation about the eye midpoint (MTCNN's two eye points) until the eyes are level, and the detector's
    box, made square about its centre with no margin, cut from the rotated image, black where it reaches past the
    image (rotation and crop in one cv2.warpAffine into the square); test images keep the largest face, and one
    without a face is exported whole;
  - each row resized to 96x96 with INTER_AREA, written as float32 in [0, 1] into x_train.npy / x_test.npy
    (np.lib.format.open_memmap, rows streamed) with int64 labels in y_train.npy / y_test.npy.
Unmodified sources are detected once, in the read step, and their faces reused when their rows are written. The
tool's default alignment puts each eye at the mean of its six points of a 68-point landmark net; this peer uses
MTCNN's eye points (the tool's `--align eyes`), so it runs no landmark net. It does not look for duplicates, write a
manifest or check anything else.

PyTorch uses every core by default (--threads to change it); OpenCV's own threads are off (cv2.setNumThreads(0)).
Prints one line: sources, rows, what the faces dropped, seconds inside the script; time the whole process from
outside (/usr/bin/time), as `java -jar fer-workbench.jar prepare ...` is timed.

usage: prepare_detect.py <dataset> <out-folder> [--size 96] [--seed 42] [--batch 128] [--threads N] [--max-attempts N]
Needs python3-opencv python3-numpy python3-torch python3-torchvision python3-pil python3-tqdm (Debian 12), and
facenet-pytorch on PYTHONPATH (pip install facenet-pytorch, or its source with the package folder named
facenet_pytorch), as docs/peers/facenet_pytorch_detect.py.
"""
import argparse
import hashlib
import os
import sys
import time

import cv2
import numpy as np
import torch
from facenet_pytorch import MTCNN

EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".webp")
BLOCK = 512  # sources read, or rows rendered, at a time
SOURCES_PER_COPY = 5  # a copy that keeps losing its face moves on to the next source of its class, up to 5


def detect(mtcnn, images, batch):
    """(boxes, eye points) of each image, largest face first (no face: no boxes), batched over images of one size."""
    found = [None] * len(images)
    by_size = {}
    for i, image in enumerate(images):
        by_size.setdefault(image.shape, []).append(i)
    with torch.no_grad():
        for indices in by_size.values():
            for k in range(0, len(indices), batch):
                part = indices[k:k + batch]
                boxes, _, points = mtcnn.detect([images[i] for i in part], landmarks=True)
                for i, b, p in zip(part, boxes, points):
                    found[i] = (np.zeros((0, 4)), None) if b is None else (b, p)
    return found


def augment(image, seed):
    draw = np.random.default_rng(seed)
    angle, factor, flip = draw.uniform(0, 90), draw.uniform(0.2, 1.0), draw.random() < 0.5
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    image = cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    image = cv2.convertScaleAbs(image, alpha=factor)
    return cv2.flip(image, 1) if flip else image


def align(image, box, points):
    """The face, eyes levelled: rotated about the eye midpoint, the box squared about its centre, black outside."""
    (lx, ly), (rx, ry) = points[0], points[1]
    m = cv2.getRotationMatrix2D(((lx + rx) / 2, (ly + ry) / 2), np.degrees(np.arctan2(ry - ly, rx - lx)), 1.0)
    x1, y1, x2, y2 = box
    cx, cy = m @ np.array([(x1 + x2) / 2, (y1 + y2) / 2, 1.0])  # the box centre in the rotated frame
    side = max(x2 - x1, y2 - y1)
    m[:, 2] -= (cx - side / 2, cy - side / 2)  # the square's corner to (0, 0)
    n = max(1, int(round(side)))
    return cv2.warpAffine(image, m, (n, n), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)


def decode_rgb(path):
    return cv2.cvtColor(cv2.imdecode(np.fromfile(path, np.uint8), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("out")
    ap.add_argument("--size", type=int, default=96)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--max-attempts", type=int, default=10)
    args = ap.parse_args()
    cv2.setNumThreads(0)
    torch.set_num_threads(args.threads)
    start = time.time()
    mtcnn = MTCNN(keep_all=True, device="cpu")

    classes = sorted(d for d in os.listdir(args.dataset) if os.path.isdir(os.path.join(args.dataset, d)))
    sources = []  # (path, label)
    for label, cls in enumerate(classes):
        folder = os.path.join(args.dataset, cls)
        for name in sorted(os.listdir(folder)):
            if name.lower().endswith(EXTENSIONS):
                sources.append((os.path.join(folder, name), label))

    # read: hash and decode every file once, keep what decodes, find its faces
    usable = []  # (path, label, (boxes, points))
    for b in range(0, len(sources), BLOCK):
        block = []
        for path, label in sources[b:b + BLOCK]:
            with open(path, "rb") as f:
                data = f.read()
            hashlib.sha256(data).hexdigest()
            image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
            if image is not None:
                block.append((path, label, cv2.cvtColor(image, cv2.COLOR_BGR2RGB)))
        found = detect(mtcnn, [image for _, _, image in block], args.batch)
        usable += [(path, label, faces) for (path, label, _), faces in zip(block, found)]

    # stratified split, train sources without exactly one face dropped, oversampling plan
    rng = np.random.default_rng(args.seed)
    train, test = [], []
    by_class = [[s for s in usable if s[1] == label] for label in range(len(classes))]
    for members in by_class:
        order = rng.permutation(len(members))
        n_test = int(len(members) * 0.25 + 0.5)
        test += [members[i] for i in order[:n_test]]
        train += [members[i] for i in order[n_test:]]
    kept = [s for s in train if len(s[2][0]) == 1]
    train_by_class = [[s for s in kept if s[1] == label] for label in range(len(classes))]
    target = max(len(m) for m in train_by_class)
    jobs_train = [(s, None, None) for s in kept]  # (source, copy, pool)
    copy = 0
    for members in train_by_class:
        for k in range(target - len(members) if members else 0):
            jobs_train.append((k % len(members), copy, members))  # the planned source's place in its pool
            copy += 1

    os.makedirs(args.out, exist_ok=True)
    size = args.size
    discarded = given_up = whole = 0
    rows = {}
    for split, jobs in (("train", jobs_train), ("test", [(s, None, None) for s in test])):
        x = np.lib.format.open_memmap(os.path.join(args.out, "x_%s.npy" % split), mode="w+", dtype=np.float32,
                                      shape=(len(jobs), size, size, 3))
        y = np.lib.format.open_memmap(os.path.join(args.out, "y_%s.npy" % split), mode="w+", dtype=np.int64,
                                      shape=(len(jobs),))
        row = 0
        for b in range(0, len(jobs), BLOCK):
            block = jobs[b:b + BLOCK]
            decoded = {}  # the block's sources, each decoded once

            def source_image(path):
                if path not in decoded:
                    decoded[path] = decode_rgb(path)
                return decoded[path]

            faces = [None] * len(block)
            pending = []  # (place in block, attempt)
            for j, (source, copy, pool) in enumerate(block):
                if copy is None:
                    image = source_image(source[0])
                    boxes, points = source[2]
                    if len(boxes) == 0:  # a test image without a face: the whole image
                        faces[j] = image
                        whole += 1
                    else:  # the only face (train), or the largest (test)
                        faces[j] = align(image, boxes[0], points[0])
                else:
                    pending.append((j, 0))
            while pending:  # augment, detect, and draw again where the face is lost
                images = []
                for j, attempt in pending:
                    planned, copy, pool = block[j]
                    path = pool[(planned + attempt // args.max_attempts) % len(pool)][0]
                    seed = [args.seed, copy] if attempt == 0 else [args.seed, copy, attempt]
                    images.append(augment(source_image(path), seed))
                again = []
                for (j, attempt), image, (boxes, points) in zip(pending, images, detect(mtcnn, images, args.batch)):
                    if len(boxes) == 1:
                        faces[j] = align(image, boxes[0], points[0])
                        continue
                    discarded += 1
                    if attempt + 1 < args.max_attempts * min(SOURCES_PER_COPY, len(block[j][2])):
                        again.append((j, attempt + 1))
                    else:
                        given_up += 1
                pending = again
            for j, (source, copy, pool) in enumerate(block):
                if faces[j] is not None:
                    x[row] = cv2.resize(faces[j], (size, size), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
                    y[row] = (source if copy is None else pool[0])[1]
                    row += 1
        x.flush()
        y.flush()
        del x, y
        if row < len(jobs):  # copies given up: the arrays are shorter than planned
            for name in ("x", "y"):
                path = os.path.join(args.out, "%s_%s.npy" % (name, split))
                full = np.load(path, mmap_mode="r")
                short = np.lib.format.open_memmap(path + ".part", mode="w+", dtype=full.dtype,
                                                  shape=(row,) + full.shape[1:])
                short[:] = full[:row]
                short.flush()
                del full, short
                os.replace(path + ".part", path)
        rows[split] = row

    print("%d sources, %d train + %d test rows; faces dropped: %d train sources, %d of %d copies given up, %d draws "
          "discarded; %d test images whole; %.2f s"
          % (len(sources), rows["train"], rows["test"], len(train) - len(kept), given_up, len(jobs_train) - len(kept),
             discarded, whole, time.time() - start))


if __name__ == "__main__":
    sys.exit(main())
