package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.text.IrParser;

/**
 * Non-maximum suppression (hard with padding, soft), crop-and-resize and box drawing against NumPy transcriptions
 * of TF's kernels, in model.py, its script and the archive (libtorch).
 */
class DetectionExportTest {
    private static final String NMS_REFERENCE = """
            f = np.float32

            def iou(b, i, j):
                yi0, yi1 = sorted([b[i, 0], b[i, 2]]); xi0, xi1 = sorted([b[i, 1], b[i, 3]])
                yj0, yj1 = sorted([b[j, 0], b[j, 2]]); xj0, xj1 = sorted([b[j, 1], b[j, 3]])
                ai = (yi1 - yi0) * (xi1 - xi0); aj = (yj1 - yj0) * (xj1 - xj0)
                if ai <= 0 or aj <= 0:
                    return f(0)
                inter = max(min(yi1, yj1) - max(yi0, yj0), f(0)) * max(min(xi1, xj1) - max(xi0, xj0), f(0))
                return f(inter / (ai + aj - inter))

            def nms(b, s, maxo, thr, sthr, sigma, pad):
                cand = [[i, s[i], 0] for i in range(len(s)) if s[i] > sthr]
                soft = sigma > 0
                scale = f(f(-0.5) / f(sigma)) if soft else f(0)
                sel, kept = [], []
                while len(sel) < maxo and cand:
                    cand.sort(key=lambda c: (-c[1], c[0]))
                    c = cand.pop(0)
                    orig, hard = c[1], False
                    for j in range(len(sel) - 1, c[2] - 1, -1):
                        sim = iou(b, c[0], sel[j])
                        if not soft and sim > thr:
                            hard = True
                            break
                        if soft:
                            c[1] = f(c[1] * np.exp(f(f(scale * sim) * sim)))
                        if c[1] <= sthr:
                            break
                    c[2] = len(sel)
                    if not hard:
                        if c[1] == orig:
                            sel.append(c[0]); kept.append(c[1])
                        elif c[1] > sthr:
                            cand.append(c)
                n = len(sel)
                if pad:
                    sel += [0] * (maxo - n); kept += [f(0)] * (maxo - n)
                return np.array(sel, np.int64), np.array(kept, f), np.array([n], np.int64)

            def reference(inputs, w):
                b, s = inputs["boxes"], inputs["scores"]
                hi, hs, hn = nms(b, s, 8, f(0.3), f(0.2), 0.0, True)
                si, ss, sn = nms(b, s, 6, f(0.3), f(0.2), 0.4, False)
                return {"hi": hi, "hs": hs, "hn": hn, "si": si, "ss": ss, "sn": sn}
            """;

    @Test
    void nonMaxSuppressionMatchesTfKernel(@TempDir Path tmp) throws Exception {
        // The harness compares 1-D counts (its libtorch side reads a 0-d result as empty).
        int n = 24;
        float[] boxes = new float[n * 4];
        float[] scores = new float[n];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < n; i++) {
            float y = r.nextFloat();
            float x = r.nextFloat();
            float h = r.nextFloat() * 0.4f;
            float w = r.nextFloat() * 0.4f;
            // Every third box has its corners swapped; box 4 has no area.
            boolean flip = i % 3 == 0;
            boxes[i * 4] = flip ? y + h : y;
            boxes[i * 4 + 1] = flip ? x + w : x;
            boxes[i * 4 + 2] = flip ? y : y + h;
            boxes[i * 4 + 3] = i == 4 ? x : flip ? x : x + w;
            scores[i] = i == 7 ? scores[2] : r.nextFloat();
        }
        ExportResult res = new TorchCheck(IrParser.parse("""
                graph @nms {
                  input %boxes : f32[24,4] = "boxes"
                  input %scores : f32[24] = "scores"
                  %m8 = const() {value=dense<i32[]>[8]} : i32[]
                  %m6 = const() {value=dense<i32[]>[6]} : i32[]
                  %thr = const() {value=dense<f32[]>[0.3]} : f32[]
                  %sthr = const() {value=dense<f32[]>[0.2]} : f32[]
                  %hard = const() {value=dense<f32[]>[0.0]} : f32[]
                  %soft = const() {value=dense<f32[]>[0.4]} : f32[]
                  %hi, %hs, %hn = non_max_suppression(%boxes, %scores, %m8, %thr, %sthr, %hard) {pad_to_max_output_size=true} : i64[8], f32[8], i64[]
                  %si, %ss, %sn = non_max_suppression(%boxes, %scores, %m6, %thr, %sthr, %soft) : i64[?], f32[?], i64[]
                  %hn1 = unsqueeze(%hn) {axes=[0]} : i64[1]
                  %sn1 = unsqueeze(%sn) {axes=[0]} : i64[1]
                  return "hi" = %hi, "hs" = %hs, "hn" = %hn1, "si" = %si, "ss" = %ss, "sn" = %sn1
                }
                """))
                .input("boxes", TensorValues.ofFloats(Shape.of(n, 4), boxes))
                .input("scores", TensorValues.ofFloats(Shape.of(n), scores))
                .reference(NMS_REFERENCE)
                .run(tmp);
        String py = Files.readString(res.modelPy());
        assertTrue(py.contains("while nms_count < nms_limit"), py);
    }

    @Test
    void cropAndDrawMatchTfKernels(@TempDir Path tmp) throws Exception {
        new TorchCheck(IrParser.parse("""
                graph @crop {
                  input %img : f32[2,3,6,7] = "img"
                  input %bx : f32[4,4] = "bx"
                  input %bi : i32[4] = "bi"
                  input %db : f32[2,3,4] = "db"
                  input %col : f32[2,4] = "col"
                  %cb = crop_and_resize(%img, %bx, %bi) {sizes=[3,4], mode="bilinear", extrapolation_value=-1.0} : f32[4,3,3,4]
                  %cn = crop_and_resize(%img, %bx, %bi) {sizes=[1,5], mode="nearest"} : f32[4,3,1,5]
                  %dr = draw_bounding_boxes(%img, %db, %col) : f32[2,3,6,7]
                  return "cb" = %cb, "cn" = %cn, "dr" = %dr
                }
                """))
                .input("img", TestTensors.random(DType.F32, 3, 2, 3, 6, 7))
                .input("bx", TensorValues.ofFloats(Shape.of(4, 4), 0.1f, 0.2f, 0.8f, 0.9f, 0.5f, -0.2f, 1.3f, 0.6f,
                        0.9f, 0.8f, 0.1f, 0.05f, 0f, 0f, 1f, 1f))
                .input("bi", TensorValues.ofLongs(DType.I32, Shape.of(4), new long[] {0, 1, 1, 0}))
                .input("db", TensorValues.ofFloats(Shape.of(2, 3, 4), 0.1f, 0.1f, 0.6f, 0.7f, 0.3f, -0.2f, 1.4f, 0.5f,
                        0.8f, 0.2f, 0.3f, 0.9f, -0.5f, -0.5f, -0.1f, 0.4f, 0f, 0f, 1f, 1f, 0.45f, 0.1f, 0.9f, 0.6f))
                .input("col", TensorValues.ofFloats(Shape.of(2, 4), 0.1f, 0.2f, 0.3f, 0.4f, 0.9f, 0.8f, 0.7f, 0.6f))
                .reference("""
                        f = np.float32

                        def coords(a1, a2, n, size):
                            if size == 1:
                                return [f(0.5 * float(f(a1 + a2)) * (n - 1))]
                            scale = f(f(f(a2 - a1) * f(n - 1)) / f(size - 1))
                            return [f(f(a1 * f(n - 1)) + f(f(i) * scale)) for i in range(size)]

                        def crop(img, boxes, bi, ch, cw, bilinear, ext):
                            out = np.full((len(boxes), img.shape[1], ch, cw), ext, f)
                            H, W = img.shape[2], img.shape[3]
                            for k, (y1, x1, y2, x2) in enumerate(boxes):
                                im = img[bi[k]]
                                for a, y in enumerate(coords(y1, y2, H, ch)):
                                    for c, x in enumerate(coords(x1, x2, W, cw)):
                                        if y < 0 or y > H - 1 or x < 0 or x > W - 1:
                                            continue
                                        if bilinear:
                                            t, bo, l, r = int(np.floor(y)), int(np.ceil(y)), int(np.floor(x)), int(np.ceil(x))
                                            ly, lx = f(y - t), f(x - l)
                                            top = im[:, t, l] + (im[:, t, r] - im[:, t, l]) * lx
                                            bot = im[:, bo, l] + (im[:, bo, r] - im[:, bo, l]) * lx
                                            out[k, :, a, c] = top + (bot - top) * ly
                                        else:
                                            out[k, :, a, c] = im[:, int(np.floor(y + 0.5)), int(np.floor(x + 0.5))]
                            return out

                        def draw(img, boxes, colors):
                            out = img.copy()
                            H, W = img.shape[2], img.shape[3]
                            for b in range(img.shape[0]):
                                for k, box in enumerate(boxes[b]):
                                    col = colors[k % len(colors), :img.shape[1]]
                                    r0, c0 = int(f(box[0]) * f(H - 1)), int(f(box[1]) * f(W - 1))
                                    r1, c1 = int(f(box[2]) * f(H - 1)), int(f(box[3]) * f(W - 1))
                                    if r0 > r1 or c0 > c1 or r0 >= H or r1 < 0 or c0 >= W or c1 < 0:
                                        continue
                                    rr, cc = slice(max(r0, 0), min(r1, H - 1) + 1), slice(max(c0, 0), min(c1, W - 1) + 1)
                                    for r in (r0, r1):
                                        if 0 <= r < H:
                                            out[b, :, r, cc] = col[:, None]
                                    for c in (c0, c1):
                                        if 0 <= c < W:
                                            out[b, :, rr, c] = col[:, None]
                            return out

                        def reference(inputs, w):
                            img, bx, bi = inputs["img"], inputs["bx"], inputs["bi"]
                            return {"cb": crop(img, bx, bi, 3, 4, True, f(-1)), "cn": crop(img, bx, bi, 1, 5, False, f(0)),
                                    "dr": draw(img, inputs["db"], inputs["col"])}
                        """)
                .run(tmp);
    }
}
