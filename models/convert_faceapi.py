#!/usr/bin/python3
"""Convert three face-api nets (npm @vladmandic/face-api@1.7.15, MIT) from TF.js weights to TorchScript.

Usage: /usr/bin/python3 convert_faceapi.py MODEL_DIR OUT_DIR

MODEL_DIR is the package's model/ folder (weights manifests + .bin shards). Writes to OUT_DIR:
  face_landmark_68.pt   FaceLandmark68Net  [N,112,112,3] -> [N,68,2]  points in the 112x112 input's pixels
  face_expression.pt    FaceExpressionNet  [N,112,112,3] -> [N,7]     softmax probabilities, face-api's order:
                                                                       neutral happy sad angry fearful disgusted surprised
  face_recognition.pt   FaceRecognitionNet [N,150,150,3] -> [N,128]   descriptor (not normalised, as face-api)
Inputs are float32 NHWC RGB: the face crop as face-api makes it (padded to a square, bilinear-resized to 112 or
150, values 0..255, not rounded). Each net subtracts face-api's mean RGB and divides by 255 itself.

- Reads the manifests and shards directly (no TF.js). Weights are uint8-quantised per tensor (value = q * scale
  + min, computed by tfjs in double precision and stored as float32) except a few float32 tensors.
- Keeps them that way in the TorchScript files: uint8 + scale/min (float64) buffers, dequantised on every call
  with exactly tfjs's arithmetic (Dequant below); float32 tensors stay float32. So each file is about the size of
  the .bin it came from, the weights are bit-identical to the ones face-api runs with, and the nets have no state.
- The nets mirror face-api's src: TF 'same' padding (for stride 2 on even sizes: none before, one after), the
  dense blocks' sums in face-api's order, residualDown's zero channels and zero row/column, the mean subtraction.
- Verifies each net against a NumPy float64 implementation written from face-api's src in TF's own NHWC/HWIO
  terms (not from the PyTorch nets), on random inputs, batched and one by one; fails above the limits in VERIFY.
- Deterministic: a rerun writes byte-identical files (see main()).
"""
import hashlib
import io
import json
import os
import sys
import types
import zipfile

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

# face-api's normalisation (FaceFeatureExtractor.ts, FaceRecognitionNet.ts): (x - mean) / 255
MEAN_RGB = (122.782, 117.001, 104.298)

NETS = {
    # out name: (manifest name, input size)
    'face_landmark_68': ('face_landmark_68_model', 112),
    'face_expression': ('face_expression_model', 112),
    'face_recognition': ('face_recognition_model', 150),
}

# ---------------------------------------------------------------------------------------------------------
# TF.js weights


class TfjsWeight:
    """One tensor of a weights manifest: its raw form (uint8 + scale/min, or float32) and tfjs's float32 value."""

    def __init__(self, name, shape, raw, scale=None, minimum=None):
        self.name = name
        self.shape = tuple(shape)
        self.raw = raw                      # uint8 or float32, TF layout
        self.scale = scale
        self.min = minimum
        if scale is None:
            self.value = raw
        else:
            # tfjs io decodeWeights: values[i] = quantized[i] * scale + min, in JS doubles, into a Float32Array
            self.value = (raw.astype(np.float64) * scale + minimum).astype(np.float32)


def read_manifest(model_dir, name):
    with open(os.path.join(model_dir, name + '-weights_manifest.json'), encoding='utf-8') as fh:
        manifest = json.load(fh)
    weights = {}
    order = []
    for group in manifest:
        buf = b''.join(open(os.path.join(model_dir, p), 'rb').read() for p in group['paths'])
        offset = 0
        for w in group['weights']:
            if w['dtype'] != 'float32':
                raise ValueError('%s: %s has dtype %s' % (name, w['name'], w['dtype']))
            n = int(np.prod(w['shape'], dtype=np.int64))
            q = w.get('quantization')
            if q is None:
                raw = np.frombuffer(buf, '<f4', n, offset).reshape(w['shape']).copy()
                offset += 4 * n
                tw = TfjsWeight(w['name'], w['shape'], raw)
            elif q['dtype'] == 'uint8':
                raw = np.frombuffer(buf, np.uint8, n, offset).reshape(w['shape']).copy()
                offset += n
                tw = TfjsWeight(w['name'], w['shape'], raw, float(q['scale']), float(q['min']))
            else:
                raise ValueError('%s: %s: quantisation %s not supported' % (name, w['name'], q['dtype']))
            weights[w['name']] = tw
            order.append(w['name'])
        if offset != len(buf):
            raise ValueError('%s: %d bytes of weights, %d in the shards' % (name, offset, len(buf)))
    return weights, order


def weights_digest(weights, order):
    """sha256 over the float32 values tfjs decodes, in manifest order (reference/reference.mjs records the same)."""
    h = hashlib.sha256()
    for n in order:
        h.update(np.ascontiguousarray(weights[n].value, '<f4').tobytes())
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------------------
# Weights inside the nets


class Dequant(nn.Module):
    """A uint8-quantised weight, dequantised on every call exactly as tfjs does it.

    tfjs computes q * scale + min in doubles and stores float32. The 256 possible values are computed that way
    (float64 arange * scale + min, then float32) and looked up by index: bit-identical to tfjs per element and
    about 8x faster per call than converting every element to float64 (12 vs 104 ms for the 5.3 M weights of
    face_recognition in torch 1.13, one thread). Nothing is cached: the module has no state to share or guard.
    """

    def __init__(self, q, scale, minimum):
        super().__init__()
        self.register_buffer('q', torch.from_numpy(np.ascontiguousarray(q)))
        self.register_buffer('scale', torch.tensor(scale, dtype=torch.float64))
        self.register_buffer('min', torch.tensor(minimum, dtype=torch.float64))

    def forward(self):
        levels = torch.arange(256, dtype=torch.float64) * self.scale + self.min
        table = levels.to(torch.float32)
        return table.index_select(0, self.q.reshape(-1).to(torch.int32)).reshape(self.q.shape)


class Plain(nn.Module):
    """A float32 weight, kept as it is."""

    def __init__(self, value):
        super().__init__()
        self.register_buffer('value', torch.from_numpy(np.ascontiguousarray(value)))

    def forward(self):
        return self.value


def weight(w, perm=None):
    """The module holding TF.js weight w, in PyTorch layout (axes permuted by perm: exact for uint8 too)."""
    raw = w.raw if perm is None else w.raw.transpose(perm)
    return Plain(raw) if w.scale is None else Dequant(raw, w.scale, w.min)


CONV = (3, 2, 0, 1)        # TF conv filter [kh, kw, in, out] -> torch [out, in, kh, kw]
DEPTHWISE = (2, 3, 0, 1)   # TF depthwise filter [kh, kw, c, 1] -> torch [c, 1, kh, kw]
DENSE = (1, 0)             # TF matMul weights [in, out] -> torch linear [out, in]


# ---------------------------------------------------------------------------------------------------------
# The nets (face-api src/faceFeatureExtractor, faceProcessor, faceLandmarkNet, faceExpressionNet,
# faceRecognitionNet). Activations are NCHW views of channels-last memory: the NHWC input permuted, no copy;
# libtorch's oneDNN convolutions then run on NHWC data without reordering every layer (see models/README.md).


def tf_same_pad(x, k: int, stride: int):
    """TF 'same' padding for a k x k window at this stride: total max((ceil(n/s)-1)*s + k - n, 0), the smaller half
    before. Only stride 2 needs it here (stride 1 with k = 3 is a symmetric 1, given to the convolution)."""
    h = x.shape[2]
    w = x.shape[3]
    ph = max(((h + stride - 1) // stride - 1) * stride + k - h, 0)
    pw = max(((w + stride - 1) // stride - 1) * stride + k - w, 0)
    if ph == 0 and pw == 0:
        return x
    return F.pad(x, [pw // 2, pw - pw // 2, ph // 2, ph - ph // 2])


def normalise(x, mean):
    """face-api's normalize(x, meanRgb).div(255) on NHWC, then the NCHW view of it (channels-last memory)."""
    return ((x - mean) / 255.0).permute(0, 3, 1, 2)


class SeparableConv(nn.Module):
    """depthwiseSeparableConv.ts: tf.separableConv2d(x, depthwise, pointwise, stride, 'same') + bias."""

    def __init__(self, ws, prefix, stride):
        super().__init__()
        self.depthwise = weight(ws[prefix + '/depthwise_filter'], DEPTHWISE)
        self.pointwise = weight(ws[prefix + '/pointwise_filter'], CONV)
        self.bias = weight(ws[prefix + '/bias'])
        self.stride = stride
        self.channels = ws[prefix + '/depthwise_filter'].shape[2]

    def forward(self, x):
        if self.stride == 1:
            x = F.conv2d(x, self.depthwise(), None, 1, 1, 1, self.channels)
        else:
            x = F.conv2d(tf_same_pad(x, 3, self.stride), self.depthwise(), None, self.stride, 0, 1, self.channels)
        return F.conv2d(x, self.pointwise(), self.bias())


class FirstConv(nn.Module):
    """denseBlock4's first layer of dense0: tf.conv2d(x, filters, [2, 2], 'same') + bias."""

    def __init__(self, ws, prefix):
        super().__init__()
        self.filters = weight(ws[prefix + '/filters'], CONV)
        self.bias = weight(ws[prefix + '/bias'])

    def forward(self, x):
        return F.conv2d(tf_same_pad(x, 3, 2), self.filters(), self.bias(), 2)


class DenseBlock4(nn.Module):
    """denseBlock.ts denseBlock4 (isScaleDown = true), with its sums in face-api's order."""

    def __init__(self, ws, prefix, first):
        super().__init__()
        self.conv0 = FirstConv(ws, prefix + '/conv0') if first else SeparableConv(ws, prefix + '/conv0', 2)
        self.conv1 = SeparableConv(ws, prefix + '/conv1', 1)
        self.conv2 = SeparableConv(ws, prefix + '/conv2', 1)
        self.conv3 = SeparableConv(ws, prefix + '/conv3', 1)

    def forward(self, x):
        # face-api: in3 = relu(out1 + out2), in4 = relu(out1 + (out2 + out3)), out = relu(out1 + (out2 + (out3 +
        # out4))). The same sums (each addition commutes exactly), partly in place: fewer activations to allocate.
        out1 = F.relu_(self.conv0(x))
        out2 = self.conv1(out1)
        out3 = self.conv2(F.relu_(out1 + out2))
        out4 = self.conv3(F.relu_((out2 + out3).add_(out1)))
        return F.relu_(out4.add_(out3).add_(out2).add_(out1))


class FeatureExtractor(nn.Module):
    """FaceFeatureExtractor.ts: normalise, four dense blocks (112 -> 7), avgPool 7x7 stride 2 'valid' -> [N, 256]."""

    def __init__(self, ws):
        super().__init__()
        self.register_buffer('mean', torch.tensor(MEAN_RGB, dtype=torch.float32))
        self.dense0 = DenseBlock4(ws, 'dense0', True)
        self.dense1 = DenseBlock4(ws, 'dense1', False)
        self.dense2 = DenseBlock4(ws, 'dense2', False)
        self.dense3 = DenseBlock4(ws, 'dense3', False)

    def forward(self, x):
        x = normalise(x, self.mean)
        x = self.dense3(self.dense2(self.dense1(self.dense0(x))))
        x = F.avg_pool2d(x, 7, 2)
        return x.reshape(x.shape[0], -1)


class Dense(nn.Module):
    """fullyConnectedLayer.ts: matMul(x, weights) + bias."""

    def __init__(self, ws, prefix):
        super().__init__()
        self.weights = weight(ws[prefix + '/weights'], DENSE)
        self.bias = weight(ws[prefix + '/bias'])

    def forward(self, x):
        return F.linear(x, self.weights(), self.bias())


class FaceLandmark68Net(nn.Module):
    """FaceLandmark68Net: features, fc -> 136 values, x0 y0 x1 y1 ..., each relative to the 112x112 input.

    Returns them times 112 (the first step of FaceLandmark68NetBase.postProcess, in float32 as there), as
    [N, 68, 2]: points in the input's pixel units. The rest of postProcess (removing the square padding and
    scaling to the face crop) depends on the crop's size and is left to the caller.
    """

    def __init__(self, ws):
        super().__init__()
        self.features = FeatureExtractor(ws)
        self.fc = Dense(ws, 'fc')

    def forward(self, x):
        out = self.fc(self.features(x)) * 112.0
        return out.reshape(out.shape[0], 68, 2)


class FaceExpressionNet(nn.Module):
    """FaceExpressionNet: features, fc -> 7 logits, softmax."""

    def __init__(self, ws):
        super().__init__()
        self.features = FeatureExtractor(ws)
        self.fc = Dense(ws, 'fc')

    def forward(self, x):
        return F.softmax(self.fc(self.features(x)), 1)


class ConvLayer(nn.Module):
    """faceRecognitionNet/convLayer.ts: conv2d + bias, then the scale layer (x * weights + biases), then relu."""

    def __init__(self, ws, prefix, stride, padding, relu):
        super().__init__()
        self.filters = weight(ws[prefix + '/conv/filters'], CONV)
        self.bias = weight(ws[prefix + '/conv/bias'])
        self.scale_weights = weight(ws[prefix + '/scale/weights'])
        self.scale_biases = weight(ws[prefix + '/scale/biases'])
        self.stride = stride
        self.padding = padding      # 'valid' -> 0; 'same' at stride 1 with k = 3 -> 1 (symmetric)
        self.relu = relu

    def forward(self, x):
        out = F.conv2d(x, self.filters(), self.bias(), self.stride, self.padding)
        out = out.mul_(self.scale_weights().reshape(1, -1, 1, 1)).add_(self.scale_biases().reshape(1, -1, 1, 1))
        return F.relu_(out) if self.relu else out


class Residual(nn.Module):
    """residualLayer.ts residual: conv (relu), conv (no relu), + x, relu."""

    def __init__(self, ws, prefix):
        super().__init__()
        self.conv1 = ConvLayer(ws, prefix + '/conv1', 1, 1, True)
        self.conv2 = ConvLayer(ws, prefix + '/conv2', 1, 1, False)

    def forward(self, x):
        return F.relu_(self.conv2(self.conv1(x)).add_(x))


class ResidualDown(nn.Module):
    """residualLayer.ts residualDown: convDown (3x3 stride 2 'valid', relu), conv (no relu); the input avg-pooled
    2x2 'valid', with zero channels appended when the conv doubled them; when the conv's output is smaller than the
    pooled input (odd sizes), one zero row below and one zero column right of it; sum, relu."""

    def __init__(self, ws, prefix):
        super().__init__()
        self.conv1 = ConvLayer(ws, prefix + '/conv1', 2, 0, True)
        self.conv2 = ConvLayer(ws, prefix + '/conv2', 1, 1, False)

    def forward(self, x):
        out = self.conv2(self.conv1(x))
        pooled = F.avg_pool2d(x, 2, 2)
        if pooled.shape[2] != out.shape[2] or pooled.shape[3] != out.shape[3]:
            out = F.pad(out, [0, 1, 0, 1])
        if pooled.shape[1] != out.shape[1]:
            pooled = torch.cat([pooled, torch.zeros_like(pooled)], 1)
        return F.relu_(out.add_(pooled))


class FaceRecognitionNet(nn.Module):
    """FaceRecognitionNet.ts (dlib's ResNet): 150x150 -> 128-D descriptor."""

    def __init__(self, ws):
        super().__init__()
        self.register_buffer('mean', torch.tensor(MEAN_RGB, dtype=torch.float32))
        self.conv32_down = ConvLayer(ws, 'conv32_down', 2, 0, True)
        self.conv32_1 = Residual(ws, 'conv32_1')
        self.conv32_2 = Residual(ws, 'conv32_2')
        self.conv32_3 = Residual(ws, 'conv32_3')
        self.conv64_down = ResidualDown(ws, 'conv64_down')
        self.conv64_1 = Residual(ws, 'conv64_1')
        self.conv64_2 = Residual(ws, 'conv64_2')
        self.conv64_3 = Residual(ws, 'conv64_3')
        self.conv128_down = ResidualDown(ws, 'conv128_down')
        self.conv128_1 = Residual(ws, 'conv128_1')
        self.conv128_2 = Residual(ws, 'conv128_2')
        self.conv256_down = ResidualDown(ws, 'conv256_down')
        self.conv256_1 = Residual(ws, 'conv256_1')
        self.conv256_2 = Residual(ws, 'conv256_2')
        self.conv256_down_out = ResidualDown(ws, 'conv256_down_out')
        self.fc = weight(ws['fc'], DENSE)

    def forward(self, x):
        x = normalise(x, self.mean)
        out = self.conv32_down(x)
        out = F.max_pool2d(out, 3, 2)
        out = self.conv32_3(self.conv32_2(self.conv32_1(out)))
        out = self.conv64_3(self.conv64_2(self.conv64_1(self.conv64_down(out))))
        out = self.conv128_2(self.conv128_1(self.conv128_down(out)))
        out = self.conv256_2(self.conv256_1(self.conv256_down(out)))
        out = self.conv256_down_out(out)
        return F.linear(out.mean([2, 3]), self.fc())


def build(name, ws, order):
    net = {'face_landmark_68': FaceLandmark68Net, 'face_expression': FaceExpressionNet,
           'face_recognition': FaceRecognitionNet}[name](ws)
    # every manifest tensor must have become exactly one weight of the net
    held = sum(1 for m in net.modules() if isinstance(m, (Dequant, Plain)))
    if held != len(order):
        raise ValueError('%s: %d weights in the manifest, %d in the net' % (name, len(order), held))
    return net.eval()


# ---------------------------------------------------------------------------------------------------------
# Verification: face-api's graphs in NumPy float64, in TF's terms (NHWC activations, HWIO filters)


def np_pad_same(x, k, s):
    n, h, w, c = x.shape
    ph = max((-(-h // s) - 1) * s + k - h, 0)
    pw = max((-(-w // s) - 1) * s + k - w, 0)
    return np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))


def np_windows(x, k, s):
    win = np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(1, 2))   # N, H', W', C, k, k
    return win[:, ::s, ::s]


def np_conv(x, f, s, padding):
    """tf.conv2d, f [kh, kw, in, out]."""
    k = f.shape[0]
    if padding == 'same':
        x = np_pad_same(x, k, s)
    return np.einsum('nhwcij,ijco->nhwo', np_windows(x, k, s), f, optimize=True)


def np_depthwise(x, f, s):
    """tf.depthwiseConv2d 'same', f [kh, kw, c, 1]."""
    k = f.shape[0]
    return np.einsum('nhwcij,ijc->nhwc', np_windows(np_pad_same(x, k, s), k, s), f[:, :, :, 0], optimize=True)


def np_pool(x, k, s, op):
    return op(np_windows(x, k, s), axis=(4, 5))


class NumpyFaceApi:
    def __init__(self, ws):
        self.w = {n: t.value.astype(np.float64) for n, t in ws.items()}

    def sep(self, x, p, s):
        out = np_depthwise(x, self.w[p + '/depthwise_filter'], s)
        return np.einsum('nhwc,co->nhwo', out, self.w[p + '/pointwise_filter'][0, 0]) + self.w[p + '/bias']

    def dense4(self, x, p, first):
        relu = lambda v: np.maximum(v, 0)
        if first:
            out1 = relu(np_conv(x, self.w[p + '/conv0/filters'], 2, 'same') + self.w[p + '/conv0/bias'])
        else:
            out1 = relu(self.sep(x, p + '/conv0', 2))
        out2 = self.sep(out1, p + '/conv1', 1)
        out3 = self.sep(relu(out1 + out2), p + '/conv2', 1)
        out4 = self.sep(relu(out1 + out2 + out3), p + '/conv3', 1)
        return relu(out1 + out2 + out3 + out4)

    def features(self, x):
        x = (x - np.array(MEAN_RGB, np.float32).astype(np.float64)) / 255
        for i in range(4):
            x = self.dense4(x, 'dense%d' % i, i == 0)
        x = np_pool(x, 7, 2, np.mean)
        return x.reshape(x.shape[0], -1)

    def fc(self, x):
        return x @ self.w['fc/weights'] + self.w['fc/bias']

    def landmarks(self, x):
        return (self.fc(self.features(x)) * 112).reshape(-1, 68, 2)

    def expressions(self, x):
        z = self.fc(self.features(x))
        e = np.exp(z - z.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)

    def conv_layer(self, x, p, s, padding, relu):
        out = np_conv(x, self.w[p + '/conv/filters'], s, padding) + self.w[p + '/conv/bias']
        out = out * self.w[p + '/scale/weights'] + self.w[p + '/scale/biases']
        return np.maximum(out, 0) if relu else out

    def residual(self, x, p):
        out = self.conv_layer(self.conv_layer(x, p + '/conv1', 1, 'same', True), p + '/conv2', 1, 'same', False)
        return np.maximum(out + x, 0)

    def residual_down(self, x, p):
        out = self.conv_layer(self.conv_layer(x, p + '/conv1', 2, 'valid', True), p + '/conv2', 1, 'same', False)
        pooled = np_pool(x, 2, 2, np.mean)
        if pooled.shape[1:3] != out.shape[1:3]:
            out = np.pad(out, ((0, 0), (0, 1), (0, 1), (0, 0)))
        if pooled.shape[3] != out.shape[3]:
            pooled = np.concatenate([pooled, np.zeros_like(pooled)], 3)
        return np.maximum(pooled + out, 0)

    def descriptor(self, x):
        x = (x - np.array(MEAN_RGB, np.float32).astype(np.float64)) / 255
        out = self.conv_layer(x, 'conv32_down', 2, 'valid', True)
        out = np_pool(out, 3, 2, np.max)
        for p in ('conv32_1', 'conv32_2', 'conv32_3'):
            out = self.residual(out, p)
        for down, rest in (('conv64_down', ('conv64_1', 'conv64_2', 'conv64_3')),
                           ('conv128_down', ('conv128_1', 'conv128_2')),
                           ('conv256_down', ('conv256_1', 'conv256_2'))):
            out = self.residual_down(out, down)
            for p in rest:
                out = self.residual(out, p)
        out = self.residual_down(out, 'conv256_down_out')
        return out.mean((1, 2)) @ self.w['fc']


# largest |torch - numpy| allowed: landmarks in 112x112 pixels, probabilities, descriptor values
VERIFY = {'face_landmark_68': ('landmarks', 1e-3), 'face_expression': ('expressions', 1e-5),
          'face_recognition': ('descriptor', 1e-4)}


def verify(name, net, ws, size, rng):
    """Random images (smooth plus noise, 0..255 floats) through the NumPy graph and the net, batched and singly."""
    n = 3
    yy, xx = np.mgrid[0:size, 0:size] / size
    x = np.stack([np.stack([(a * xx + b * yy + c) % 1 * 255 for a, b, c in rng.uniform(0, 2, (3, 3))], -1)
                  for _ in range(n)])
    x = np.clip(x + rng.normal(0, 20, x.shape), 0, 255).astype(np.float32)
    method, limit = VERIFY[name]
    expect = getattr(NumpyFaceApi(ws), method)(x.astype(np.float64))
    with torch.no_grad():
        batched = net(torch.from_numpy(x)).numpy()
        single = np.concatenate([net(torch.from_numpy(x[i:i + 1])).numpy() for i in range(n)])
    if batched.shape != expect.shape:
        raise ValueError('%s: shape %s, NumPy %s' % (name, batched.shape, expect.shape))
    diff = float(np.abs(batched - expect).max())
    batch_diff = float(np.abs(batched - single).max())
    if diff > limit or batch_diff > limit:
        raise ValueError('%s: differs from the NumPy graph by %g (batch vs single %g), limit %g'
                         % (name, diff, batch_diff, limit))
    # the weights the net computes on every call are the ones tfjs decodes, bit for bit
    for m in net.modules():
        if isinstance(m, Dequant):
            with torch.no_grad():
                got = m().numpy()
            exact = (m.q.numpy().astype(np.float64) * float(m.scale) + float(m.min)).astype(np.float32)
            if not np.array_equal(got.view(np.uint32), exact.view(np.uint32)):
                raise ValueError('%s: dequantised weights differ from tfjs arithmetic' % name)
    return diff, batch_diff


# ---------------------------------------------------------------------------------------------------------


def relocate(module_globals, name):
    """Record this file's bare name as the source of every function TorchScript compiles (see main())."""
    def fix(fn):
        fn.__code__ = fn.__code__.replace(co_filename=name)
    for obj in list(module_globals.values()):
        if isinstance(obj, types.FunctionType) and obj.__module__ == '__main__':
            fix(obj)
        elif isinstance(obj, type) and obj.__module__ == '__main__':
            for v in vars(obj).values():
                if isinstance(v, types.FunctionType):
                    fix(v)


def deflated(pt):
    """The TorchScript archive with its entries deflated instead of stored: torch writes them uncompressed, which
    keeps face_recognition.pt at 6.5 MB; deflated it is 4.3 MB. libtorch reads deflated entries (the models give the
    same numbers: FaceNetsReferenceTest). Entry order, names and a fixed date keep the bytes reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(pt)) as zin, zipfile.ZipFile(out, 'w') as zout:
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zout.writestr(entry, zin.read(info.filename), compresslevel=9)
    return out.getvalue()


def main():
    # Reproducible bytes, as convert_mtcnn.py: torch.jit.script writes module constants in Python set order
    # (string hashing), so fix the hash seed; the debug info records the source path as given, so run as a bare
    # file name from this directory (re-executing once under those conditions) and record that name.
    here = os.path.dirname(os.path.abspath(__file__))
    name = os.path.basename(__file__)
    if os.environ.get('PYTHONHASHSEED') != '0' or os.getcwd() != here:
        os.environ['PYTHONHASHSEED'] = '0'
        args = [os.path.abspath(a) for a in sys.argv[1:]]
        os.chdir(here)
        os.execv(sys.executable, [sys.executable, name] + args)
    relocate(globals(), name)
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    torch.set_num_threads(1)
    rng = np.random.default_rng(20240611)
    for out_name, (manifest, size) in NETS.items():
        ws, order = read_manifest(src, manifest)
        net = build(out_name, ws, order)
        diff, batch_diff = verify(out_name, net, ws, size, rng)
        scripted = torch.jit.script(net)
        buf = io.BytesIO()
        torch.jit.save(scripted, buf)
        data = deflated(buf.getvalue())
        path = os.path.join(out, out_name + '.pt')
        with open(path, 'wb') as fh:
            fh.write(data)
        print('%s: tfjs weights sha256 %s; max |torch - numpy| = %.2e (batch vs single %.2e); wrote %s (%d bytes)'
              % (out_name, weights_digest(ws, order), diff, batch_diff, path, len(data)))


if __name__ == '__main__':
    main()
