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
 * Ops with data-dependent result sizes (non_zero, unique, scatter_nd) and what consumes their unknown dims,
 * in model.py, its script and the archive (torch 1.13 and libtorch 2.5.1), against NumPy.
 */
class DynamicExportTest {
    @Test
    void nonZeroAndUniqueMatchNumpy(@TempDir Path tmp) throws Exception {
        ExportResult r = new TorchCheck(IrParser.parse("""
                graph @dyn {
                  input %x : f32[2,4] = "x"
                  %nz = non_zero(%x) : i64[2,?]
                  %coords = transpose(%nz) {perm=[1,0]} : i64[?,2]
                  %flat = const() {value=dense<i64[1]>[-1]} : i64[1]
                  %xf = reshape(%x, %flat) : f32[8]
                  %u, %first, %inv, %cnt = unique(%xf) {sorted=false} : f32[?], i64[?], i64[8], i64[?]
                  %su, %sfirst, %sinv, %scnt = unique(%x) : f32[?], i64[?], i64[8], i64[?]
                  %both = concat(%u, %su) {axis=0} : f32[?]
                  return "coords" = %coords, "u" = %u, "first" = %first, "inv" = %inv, "cnt" = %cnt, "su" = %su, "sfirst" = %sfirst, "sinv" = %sinv, "scnt" = %scnt, "both" = %both
                }
                """))
                .input("x", TensorValues.ofFloats(Shape.of(2, 4), 3f, 0f, 3f, -1f, 0f, 7f, -1f, 3f))
                .reference("""
                        def reference(inputs, w):
                            x = inputs["x"]
                            xf = x.reshape(-1)
                            su, sfirst, sinv, scnt = np.unique(xf, return_index=True, return_inverse=True, return_counts=True)
                            order = np.argsort(sfirst, kind="stable")
                            rank = np.argsort(order)
                            return {
                                "coords": np.argwhere(x != 0).astype(np.int64),
                                "u": su[order], "first": sfirst[order].astype(np.int64),
                                "inv": rank[sinv].astype(np.int64), "cnt": scnt[order].astype(np.int64),
                                "su": su, "sfirst": sfirst.astype(np.int64), "sinv": sinv.astype(np.int64),
                                "scnt": scnt.astype(np.int64), "both": np.concatenate([su[order], su]),
                            }
                        """)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("torch.nonzero(x).t()"), py);
        assertTrue(py.contains("stable=True"), py);
    }

    @Test
    void scatterNdMatchesNumpy(@TempDir Path tmp) throws Exception {
        new TorchCheck(IrParser.parse("""
                graph @scatter {
                  input %d : f32[3,2,2] = "d"
                  input %i : i32[4,2] = "i"
                  input %u : f32[4,2] = "u"
                  input %r : i64[5,1] = "r"
                  input %v : i64[5] = "v"
                  %add = scatter_nd(%d, %i, %u) {reduction="add"} : f32[3,2,2]
                  %mul = scatter_nd(%d, %i, %u) {reduction="mul"} : f32[3,2,2]
                  %max = scatter_nd(%d, %i, %u) {reduction="max"} : f32[3,2,2]
                  %min = scatter_nd(%d, %i, %u) {reduction="min"} : f32[3,2,2]
                  %row = const() {value=dense<i64[2,1]>[2,0]} : i64[2,1]
                  %ones = const() {value=dense<f32[2,2,2]>[1.0,2.0,3.0,4.0,5.0,6.0,7.0,8.0]} : f32[2,2,2]
                  %put = scatter_nd(%d, %row, %ones) : f32[3,2,2]
                  %neg = const() {value=dense<i64[]>[-1]} : i64[]
                  %six = const() {value=dense<i64[1]>[6]} : i64[1]
                  %none = expand(%neg, %six) : i64[6]
                  %last = scatter_nd(%none, %r, %v) {reduction="max"} : i64[6]
                  return "add" = %add, "mul" = %mul, "max" = %max, "min" = %min, "put" = %put, "last" = %last
                }
                """))
                .input("d", TensorValues.ofFloats(Shape.of(3, 2, 2), 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f))
                .input("i", TensorValues.ofLongs(DType.I32, Shape.of(4, 2), new long[] {0, 1, 2, 0, 0, 1, 1, 1}))
                .input("u", TensorValues.ofFloats(Shape.of(4, 2), 0.5f, -3f, 20f, 2f, 4f, 0.25f, -8f, 100f))
                .input("r", TensorValues.ofLongs(DType.I64, Shape.of(5, 1), new long[] {4, 1, 4, 0, 1}))
                .input("v", TensorValues.ofLongs(DType.I64, Shape.of(5), new long[] {0, 1, 2, 3, 4}))
                .reference("""
                        def reference(inputs, w):
                            d, i, u, r, v = inputs["d"], inputs["i"], inputs["u"], inputs["r"], inputs["v"]
                            def scatter(op):
                                out = d.copy()
                                for k in range(len(i)):
                                    a, b = i[k]
                                    out[a, b] = op(out[a, b], u[k])
                                return out
                            put = d.copy()
                            put[2] = [[1, 2], [3, 4]]
                            put[0] = [[5, 6], [7, 8]]
                            last = np.full(6, -1, dtype=np.int64)
                            for k in range(len(r)):
                                last[r[k, 0]] = max(last[r[k, 0]], v[k])
                            return {
                                "add": scatter(np.add), "mul": scatter(np.multiply), "max": scatter(np.maximum),
                                "min": scatter(np.minimum), "put": put, "last": last,
                            }
                        """)
                .run(tmp);
    }
}
