"""Runs the executable MTCNN spec (docs/mtcnn_reference.py) on raw RGB images and writes its detections as JSON.

Usage: /usr/bin/python3 reference_driver.py REFERENCE_PY MODELS_DIR MANIFEST_JSON OUT_JSON
MANIFEST_JSON: {"images": [{"id": "...", "raw": "/path/file.rgb", "width": W, "height": H}, ...]}
(raw = interleaved 8-bit RGB, row-major, exactly the pixels the Java side decoded).
OUT_JSON: {"id": {"boxes": [[x1,y1,x2,y2],...], "probs": [...], "points": [[[x,y] x5], ...]}, ...}

Two changes of execution only, to save time on large photos:
- the reference's area_resize builds a summed-area table per call (each pyramid level, each crop); here area_resize
  and crops read the sums from one table of the whole image instead. The bin sums are exact integers either way and
  the division is the same float64 one, so the numbers are identical;
- P-Net on a large pyramid level runs in horizontal strips (as the Java detector does): P-Net output row k depends
  on input rows 2k..2k+11 only, so strips starting at even rows with even heights give the same map rows (to float
  rounding of the convolutions, ~1e-7), and far faster than one call whose activations overflow the CPU caches.
"""
import importlib.util
import json
import sys

import numpy as np
import torch


def main():
    ref_path, models, manifest, out_path = sys.argv[1:5]
    spec = importlib.util.spec_from_file_location('mtcnn_reference', ref_path)
    R = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(R)
    torch.set_num_threads(1)
    pnet, rnet, onet = (torch.jit.load('%s/%s.pt' % (models, n)).eval() for n in ('pnet', 'rnet', 'onet'))

    F32 = np.float32
    state = {}

    def bins(n, size, offset):
        lo = np.array([(i * n) // size for i in range(size)]) + offset
        hi = np.array([-((-(i + 1) * n) // size) for i in range(size)]) + offset
        return lo, hi

    def resize_from_table(S, y0, x0, ch, cw, oh, ow):
        ys, ye = bins(ch, oh, y0)
        xs, xe = bins(cw, ow, x0)
        tot = (S[:, ye[:, None], xe[None, :]] - S[:, ys[:, None], xe[None, :]]
               - S[:, ye[:, None], xs[None, :]] + S[:, ys[:, None], xs[None, :]])
        cnt = (ye - ys)[:, None] * (xe - xs)[None, :]
        return (tot / cnt).astype(F32)

    original_area_resize = R.area_resize

    def area_resize(img, oh, ow):
        if (img.shape[1] + 1, img.shape[2] + 1) == state['S'].shape[1:]:   # the whole image (a pyramid level)
            return resize_from_table(state['S'], 0, 0, img.shape[1], img.shape[2], oh, ow)
        return original_area_resize(img, oh, ow)

    def crops(img, boxes, size, W, H):
        bi = np.trunc(boxes[:, :4]).astype(np.int64)
        out = []
        for x, y, ex, ey in bi:
            x = max(x, 1); y = max(y, 1); ex = min(ex, W); ey = min(ey, H)
            out.append(R.normalize(resize_from_table(state['S'], y - 1, x - 1, ey - (y - 1), ex - (x - 1), size, size)))
        return torch.from_numpy(np.stack(out))

    max_px, min_strip = 1 << 18, 64

    def pnet_in_strips(x):
        H, W = x.shape[2], x.shape[3]
        if H * W <= max_px or H <= 2 * min_strip:
            return pnet(x)
        step = max(min_strip - 10, max_px // W - 10) & ~1
        regs, probs, r0 = [], [], 0
        while True:
            last = H - r0 <= step + 12
            rows = H - r0 if last else step + 10
            reg, prob = pnet(x[:, :, r0:r0 + rows])
            regs.append(reg)
            probs.append(prob)
            if last:
                break
            r0 += step
        return torch.cat(regs, 2), torch.cat(probs, 2)

    R.area_resize = area_resize
    R.crops = crops
    with open(manifest) as fh:
        items = json.load(fh)['images']
    result = {}
    for it in items:
        w, h = it['width'], it['height']
        rgb = np.fromfile(it['raw'], dtype=np.uint8).reshape(h, w, 3)
        S = np.zeros((3, h + 1, w + 1), np.float64)
        S[:, 1:, 1:] = rgb.astype(np.float64).transpose(2, 0, 1).cumsum(1).cumsum(2)
        state['S'] = S
        boxes, probs, points = R.detect(rgb, pnet_in_strips, rnet, onet, it.get('minsize', 20),
                                        tuple(it.get('thresholds', (0.6, 0.7, 0.7))), it.get('factor', 0.709))
        result[it['id']] = {'boxes': boxes.astype(float).tolist(), 'probs': probs.astype(float).tolist(),
                            'points': points.astype(float).tolist()}
    with open(out_path, 'w') as fh:
        json.dump(result, fh)


if __name__ == '__main__':
    main()
