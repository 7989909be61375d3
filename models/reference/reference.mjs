// Reference run of face-api's own nets (npm @vladmandic/face-api 1.7.15) on TF.js's pure-JS CPU backend
// (@tensorflow/tfjs 4.22.0, installed under the name tfjs-node that face-api's node build requires).
//
// Usage: node reference.mjs INPUT_DIR OUT_JSON
//
// INPUT_DIR is what org.ferworkbench.core.facenet.ReferenceInputs writes: inputs.json (photo name, size, sha256 of
// the decoded RGB pixels, MTCNN face boxes [x, y, width, height]) and one raw RGB file per photo (pure-JS TF.js
// decodes no JPEG, so the project's own decode is the input). Every face goes through face-api's own pipeline, the
// one detectAllFaces(...).withFaceLandmarks().withFaceExpressions().withFaceDescriptors() runs after detection:
// DetectAllFaceLandmarksTask (extractFaceTensors, landmark net, extendWithFaceLandmarks), then the expression task
// on alignedRect and the descriptor task on landmarks.align(null, { useDlibAlignment: true }). So the crops, the
// padding to a square, the resizing and the landmark arithmetic are face-api's.
//
// OUT_JSON gets, per photo, its pixel sha256 and, per face:
//   box            the detection box as face-api used it (detection.forSize(w, h).box: what extractFaceTensors
//                  cut out; doubles written exactly)
//   landmarks      68 points x0, y0, x1, y1, ... in image pixels, as face-api returns them (result.landmarks)
//   expressionBox  result.alignedRect.forSize(w, h).box, the box the expression net saw (exact)
//   expressions    the 7 probabilities in face-api's order: neutral happy sad angry fearful disgusted surprised
//   descriptorBox  result.landmarks.align(null, { useDlibAlignment: true }), the box the recognition net saw
//   descriptor     the 128 values (result.descriptor)
// Net outputs are rounded to 7 significant digits. It also records the versions and, per net, the sha256 of the
// float32 weights as TF.js decodes them, in manifest order (convert_faceapi.py prints the same digest).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const faceapi = require('@vladmandic/face-api');   // dist/face-api.node.js: requires tfjs-node (here: tfjs)
const { tf } = faceapi;

const here = dirname(fileURLToPath(import.meta.url));
const modelDir = join(here, 'node_modules', '@vladmandic', 'face-api', 'model');
const NETS = [
  ['face_landmark_68', faceapi.nets.faceLandmark68Net],
  ['face_recognition', faceapi.nets.faceRecognitionNet],
  ['face_expression', faceapi.nets.faceExpressionNet],
];
const LABELS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'];

const round = (v) => Number(v.toPrecision(7));
const rect = (b) => [b.x, b.y, b.width, b.height];
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** sha256 of a net's float32 weights as tfjs decodes them (the loader loadFromDisk uses), in manifest order. */
async function weightsDigest(name) {
  const manifest = JSON.parse(readFileSync(join(modelDir, `${name}_model-weights_manifest.json`), 'utf8'));
  const fetch = (paths) => Promise.all(paths.map((p) => {
    const b = readFileSync(p);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  }));
  const weights = await tf.io.weightsLoaderFactory(fetch)(manifest, `${modelDir}/`);
  const h = createHash('sha256');
  for (const group of manifest) {
    for (const w of group.weights) {
      const data = weights[w.name].dataSync();
      h.update(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    }
  }
  return h.digest('hex');
}

async function main() {
  const [inputDir, outJson] = process.argv.slice(2);
  if (!inputDir || !outJson) {
    console.error('usage: node reference.mjs INPUT_DIR OUT_JSON');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  const digests = {};
  for (const [name, net] of NETS) {
    await net.loadFromDisk(modelDir);
    digests[name] = await weightsDigest(name);
    console.log(`${name}: tfjs weights sha256 ${digests[name]}`);
  }
  const inputs = JSON.parse(readFileSync(join(inputDir, 'inputs.json'), 'utf8'));
  const images = [];
  let faces = 0;
  for (const img of inputs.images) {
    const { width, height } = img;
    const pixels = readFileSync(join(inputDir, img.rgb));
    if (pixels.length !== width * height * 3) throw new Error(`${img.file}: ${pixels.length} bytes`);
    if (sha256(pixels) !== img.pixelSha256) throw new Error(`${img.file}: pixel sha256 differs from inputs.json`);
    // an int32 image tensor, as tf.node.decodeImage would give face-api
    const input = tf.tensor3d(Int32Array.from(pixels), [height, width, 3], 'int32');
    const dims = { width, height };
    const parents = img.boxes.map(([x, y, w, h]) => faceapi.extendWithFaceDetection({},
      new faceapi.FaceDetection(1, new faceapi.Rect(x / width, y / height, w / width, h / height), dims)));
    const results = await new faceapi.DetectAllFaceLandmarksTask(Promise.resolve(parents), input, false)
      .withFaceExpressions()
      .withFaceDescriptors();
    if (results.length !== img.boxes.length) throw new Error(`${img.file}: ${results.length} results`);
    const out = [];
    for (const r of results) {
      const box = r.detection.forSize(width, height).box;
      const shift = r.landmarks.shift;
      if (shift.x !== r.detection.box.x || shift.y !== r.detection.box.y) throw new Error('unexpected shift');
      out.push({
        box: rect(box),
        landmarks: r.landmarks.positions.flatMap((p) => [round(p.x), round(p.y)]),
        expressionBox: rect(r.alignedRect.forSize(width, height).box),
        expressions: LABELS.map((l) => round(r.expressions[l])),
        descriptorBox: rect(r.landmarks.align(null, { useDlibAlignment: true })),
        descriptor: Array.from(r.descriptor, round),
      });
    }
    input.dispose();
    faces += out.length;
    images.push({ file: img.file, width, height, pixelSha256: img.pixelSha256, faces: out });
    console.log(`${img.file}: ${out.length} face(s)`);
  }
  const doc = {
    about: 'face-api\'s own nets on the ../shared/data/faces photos: see models/reference/reference.mjs',
    faceApi: faceapi.version,
    tfjs: tf.version_core,
    backend: tf.getBackend(),
    node: process.version,
    weightsSha256: digests,
    images,
  };
  // one line per array: small, and a regenerated file diffs readably
  const text = JSON.stringify(doc, null, 1)
    .replace(/\[\s+([^\][{}]*?)\s+\]/g, (m, inner) => `[${inner.replace(/\s+/g, ' ')}]`);
  writeFileSync(outJson, `${text}\n`);
  console.log(`${faces} faces in ${images.length} photos written to ${outJson}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
