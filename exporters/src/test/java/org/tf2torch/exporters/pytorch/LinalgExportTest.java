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

/** Determinants, inverse, solves, Cholesky, LU and SVD in model.py, its script and the archive. */
class LinalgExportTest {
    /**
     * Two 3x3 matrices whose LU needs row swaps (small leading pivots) and whose singular values differ. Inputs
     * are float32, the dtype the libtorch check can feed, cast to float64 in the graph (the reference does too).
     */
    private static final double[] A = {
        0.1, 2.0, -1.0, 3.0, 0.5, 1.0, -2.0, 1.0, 4.0,
        1.0, -0.3, 2.5, 0.2, 5.0, -1.0, 4.0, 0.7, 0.3,
    };
    private static final double[] B = {1.0, -2.0, 0.5, 3.0, -1.5, 2.0, 0.25, 1.0, -3.0, 2.0, 0.5, -0.5};

    @Test
    void matrixFunctionsMatchNumpy(@TempDir Path tmp) throws Exception {
        ExportResult r = new TorchCheck(IrParser.parse("""
                graph @linalg {
                  input %a32 : f32[2,3,3] = "a"
                  input %b32 : f32[2,3,2] = "b"
                  %a = cast(%a32) {to=f64} : f64[2,3,3]
                  %b = cast(%b32) {to=f64} : f64[2,3,2]
                  %det = matrix_determinant(%a) : f64[2]
                  %sign, %logdet = slogdet(%a) : f64[2], f64[2]
                  %inv = matrix_inverse(%a) {adjoint=true} : f64[2,3,3]
                  %x = matrix_solve(%a, %b) {adjoint=true} : f64[2,3,2]
                  %lo = triangular_solve(%a, %b) : f64[2,3,2]
                  %up = triangular_solve(%a, %b) {lower=false, adjoint=true} : f64[2,3,2]
                  %lu, %perm = lu(%a) : f64[2,3,3], i64[2,3]
                  %s, %u, %v = svd(%a) : f64[2,3], f64[2,3,3], f64[2,3,3]
                  %ua = abs(%u) : f64[2,3,3]
                  %va = abs(%v) : f64[2,3,3]
                  %s2, %u2, %v2 = svd(%b) {full_matrices=true} : f64[2,2], f64[2,3,3], f64[2,2,2]
                  %u2a = abs(%u2) : f64[2,3,3]
                  %sv = singular_values(%b) : f64[2,2]
                  return "det" = %det, "sign" = %sign, "logdet" = %logdet, "inv" = %inv, "x" = %x, "lo" = %lo, "up" = %up, "lu" = %lu, "perm" = %perm, "s" = %s, "ua" = %ua, "va" = %va, "u2a" = %u2a, "sv" = %sv
                }
                """))
                .input("a", TensorValues.ofDoubles(DType.F32, Shape.of(2, 3, 3), A))
                .input("b", TensorValues.ofDoubles(DType.F32, Shape.of(2, 3, 2), B))
                .reference("""
                        def lu(m):
                            m = m.copy(); n = m.shape[0]; perm = np.arange(n)
                            for k in range(n):
                                p = k + int(np.argmax(np.abs(m[k:, k])))
                                m[[k, p]] = m[[p, k]]; perm[[k, p]] = perm[[p, k]]
                                m[k + 1:, k] /= m[k, k]
                                m[k + 1:, k + 1:] -= np.outer(m[k + 1:, k], m[k, k + 1:])
                            return m, perm

                        def reference(inputs, w):
                            a, b = inputs["a"].astype(np.float64), inputs["b"].astype(np.float64)
                            at = np.swapaxes(a, -1, -2)
                            sign, logdet = np.linalg.slogdet(a)
                            u, s, vh = np.linalg.svd(a)
                            facts = [lu(m) for m in a]
                            return {
                                "det": np.linalg.det(a), "sign": sign, "logdet": logdet,
                                "inv": np.linalg.inv(at), "x": np.linalg.solve(at, b),
                                # each solve reads one triangle only
                                "lo": np.linalg.solve(np.tril(a), b),
                                "up": np.linalg.solve(np.swapaxes(np.triu(a), -1, -2), b),
                                "lu": np.stack([f[0] for f in facts]), "perm": np.stack([f[1] for f in facts]),
                                "s": s, "ua": np.abs(u), "va": np.abs(np.swapaxes(vh, -1, -2)),
                                "u2a": np.abs(np.linalg.svd(b, full_matrices=True)[0]),
                                "sv": np.linalg.svd(b, compute_uv=False),
                            }
                        """)
                .tolerance(1e-9, 1e-10)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("torch.linalg.solve_triangular("), py);
        assertTrue(py.contains("torch.lu_unpack("), py);
    }

    @Test
    void choleskyReadsOnlyTheLowerTriangle(@TempDir Path tmp) throws Exception {
        // Lower triangle of an SPD matrix, with garbage above the diagonal.
        double[] m = {4.0, 99.0, -7.0, 2.0, 5.0, 42.0, -1.0, 0.5, 3.0};
        new TorchCheck(IrParser.parse("""
                graph @chol {
                  input %m32 : f32[3,3] = "m"
                  %m = cast(%m32) {to=f64} : f64[3,3]
                  %l = cholesky(%m) : f64[3,3]
                  return "l" = %l
                }
                """))
                .input("m", TensorValues.ofDoubles(DType.F32, Shape.of(3, 3), m))
                .reference("""
                        def reference(inputs, w):
                            m = inputs["m"].astype(np.float64)
                            sym = np.tril(m) + np.tril(m, -1).T
                            return {"l": np.linalg.cholesky(sym)}
                        """)
                .tolerance(1e-12, 1e-12)
                .run(tmp);
    }

    @Test
    void halfPrecisionRunsInFloat32(@TempDir Path tmp) throws Exception {
        // Results come back cast to float32, which both checks can read.
        double[] h = {2.0, 1.0, 0.5, -1.0, 3.0, 0.25, 0.5, -0.5, 1.5};
        new TorchCheck(IrParser.parse("""
                graph @half {
                  input %h32 : f32[1,3,3] = "h"
                  %h = cast(%h32) {to=f16} : f16[1,3,3]
                  %det = matrix_determinant(%h) : f16[1]
                  %inv = matrix_inverse(%h) : f16[1,3,3]
                  %sign, %logdet = slogdet(%h) : f16[1], f16[1]
                  %det32 = cast(%det) {to=f32} : f32[1]
                  %inv32 = cast(%inv) {to=f32} : f32[1,3,3]
                  %logdet32 = cast(%logdet) {to=f32} : f32[1]
                  return "det" = %det32, "inv" = %inv32, "logdet" = %logdet32
                }
                """))
                .input("h", TensorValues.ofDoubles(DType.F32, Shape.of(1, 3, 3), h))
                .reference("""
                        def reference(inputs, w):
                            h = inputs["h"].astype(np.float32)
                            return {
                                "det": np.linalg.det(h).astype(np.float16).astype(np.float32),
                                "inv": np.linalg.inv(h).astype(np.float16).astype(np.float32),
                                "logdet": np.linalg.slogdet(h)[1].astype(np.float16).astype(np.float32),
                            }
                        """)
                .tolerance(1e-2, 1e-3)
                .run(tmp);
    }
}
