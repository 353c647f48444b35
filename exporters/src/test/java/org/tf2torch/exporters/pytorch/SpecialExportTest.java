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
 * Incomplete gamma and beta, Hurwitz zeta and polygamma against closed forms, including TF's domain edges
 * (where PyTorch's own conventions differ). Inputs are float32 (what the libtorch check feeds) cast in the graph.
 */
class SpecialExportTest {
    /** Closed forms of the special functions at the points the tests use; NaN outside TF's domain. */
    private static final String CLOSED_FORMS = """
            import math
            from fractions import Fraction

            def lower_gamma(a, x):
                if x == 0: return 0.0
                if x < 0 or a <= 0: return math.nan
                if a == 0.5: return math.erf(math.sqrt(x))
                return 1 - math.exp(-x) * sum(x ** k / math.factorial(k) for k in range(int(a)))

            def upper_gamma(a, x):
                if x < 0 or a <= 0: return math.nan
                return 1 - lower_gamma(a, x)

            Z3 = 1.2020569031595942
            def zeta(x, q):
                table = {(2, 1): math.pi ** 2 / 6, (4, 1): math.pi ** 4 / 90, (2, 0.5): math.pi ** 2 / 2,
                         (3, 2): Z3 - 1, (2, 3): math.pi ** 2 / 6 - 1.25,
                         (2, -1.5): 1 / 2.25 + 4 + math.pi ** 2 / 2}
                return table.get((x, q), math.nan)

            def polygamma(n, x):
                table = {(0, 1): -0.5772156649015329, (1, 1): math.pi ** 2 / 6, (2, 1): -2 * Z3,
                         (1, 0.5): math.pi ** 2 / 2, (3, 1): math.pi ** 4 / 15}
                return table.get((n, x), math.nan)

            def betainc(a, b, x):
                if a <= 0 or b <= 0 or not 0 <= x <= 1: return math.nan
                if x in (0, 1): return float(x)
                if a == int(a) and b == int(b):
                    # P(Binomial(a + b - 1, x) >= a), exactly
                    n, f = int(a + b - 1), Fraction(x)
                    return float(sum(math.comb(n, j) * f ** j * (1 - f) ** (n - j) for j in range(int(a), n + 1)))
                if b == 1: return x ** a
                if a == 1: return 1 - (1 - x) ** b
                if a == b == 0.5: return 2 / math.pi * math.asin(math.sqrt(x))
                raise ValueError((a, b, x))

            def each(f, dtype, *arrays):
                arrays = np.broadcast_arrays(*[np.asarray(v, np.float64) for v in arrays])
                out = [f(*(float(v) for v in vals)) for vals in zip(*[v.ravel() for v in arrays])]
                return np.array(out, dtype=np.float64).reshape(arrays[0].shape).astype(dtype)
            """;

    @Test
    void float64MatchesClosedForms(@TempDir Path tmp) throws Exception {
        ExportResult r = new TorchCheck(IrParser.parse("""
                graph @special {
                  input %ga32 : f32[8] = "ga"
                  input %gx32 : f32[8] = "gx"
                  input %zx32 : f32[7] = "zx"
                  input %zq32 : f32[7] = "zq"
                  input %pn32 : f32[7] = "pn"
                  input %px32 : f32[7] = "px"
                  input %ba32 : f32[10] = "ba"
                  input %bb32 : f32[10] = "bb"
                  input %bx32 : f32[10] = "bx"
                  %ga = cast(%ga32) {to=f64} : f64[8]
                  %gx = cast(%gx32) {to=f64} : f64[8]
                  %zx = cast(%zx32) {to=f64} : f64[7]
                  %zq = cast(%zq32) {to=f64} : f64[7]
                  %pn = cast(%pn32) {to=f64} : f64[7]
                  %px = cast(%px32) {to=f64} : f64[7]
                  %ba = cast(%ba32) {to=f64} : f64[10]
                  %bb = cast(%bb32) {to=f64} : f64[10]
                  %bx = cast(%bx32) {to=f64} : f64[10]
                  %p = igamma(%ga, %gx) : f64[8]
                  %q = igammac(%ga, %gx) : f64[8]
                  %z = zeta(%zx, %zq) : f64[7]
                  %pg = polygamma(%pn, %px) : f64[7]
                  %bi = betainc(%ba, %bb, %bx) : f64[10]
                  return "p" = %p, "q" = %q, "z" = %z, "pg" = %pg, "bi" = %bi
                }
                """))
                // a == 0 and a < 0 at x == 0 and x > 0 are where TF's conventions differ from PyTorch's.
                .input("ga", floats(1, 2, 0.5, 0, -1, 0, 3, 1))
                .input("gx", floats(0.5, 1.5, 2, 1, 0, 0, 4, -1))
                .input("zx", floats(2, 4, 2, 3, 2, 0.5, 2.5))
                .input("zq", floats(1, 1, 0.5, 2, 3, 1, -1.5))
                .input("pn", floats(0, 1, 2, 1, 2.5, -1, 3))
                .input("px", floats(1, 1, 1, 0.5, 1, 1, 1))
                // Power series, both continued fractions, the swap to (b, a, 1 - x), large a and b, and the edges.
                .input("ba", floats(2, 0.1, 1, 3, 0, 1, 1, 400, 0.5, 1))
                .input("bb", floats(3, 1, 0.5, 2, 1, 1, 2, 50, 0.5, 1))
                .input("bx", floats(0.375, 0.875, 0.25, 0.984375, 0.5, 0, 1, 0.6875, 0.25, 1.5))
                .reference(CLOSED_FORMS + """

                        def reference(i, w):
                            f = np.float64
                            return {
                                "p": each(lower_gamma, f, i["ga"], i["gx"]), "q": each(upper_gamma, f, i["ga"], i["gx"]),
                                "z": each(zeta, f, i["zx"], i["zq"]), "pg": each(polygamma, f, i["pn"], i["px"]),
                                "bi": each(betainc, f, i["ba"], i["bb"], i["bx"]),
                            }
                        """)
                .tolerance(1e-11, 1e-13)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("torch.special.gammainc("), py);
        assertTrue(py.contains("for it in range("), py);
    }

    @Test
    void narrowerDtypesComputeWider(@TempDir Path tmp) throws Exception {
        new TorchCheck(IrParser.parse("""
                graph @narrow {
                  input %a : f32[4] = "a"
                  input %b : f32[4] = "b"
                  input %x : f32[4] = "x"
                  %bi = betainc(%a, %b, %x) : f32[4]
                  %ah = cast(%a) {to=f16} : f16[4]
                  %xh = cast(%x) {to=f16} : f16[4]
                  %ph = igamma(%ah, %xh) : f16[4]
                  %p = cast(%ph) {to=f32} : f32[4]
                  return "bi" = %bi, "p" = %p
                }
                """))
                .input("a", floats(2, 1, 3, 0.5))
                .input("b", floats(3, 2, 1, 0.5))
                .input("x", floats(0.375, 0.5, 0.75, 0.25))
                .reference(CLOSED_FORMS + """

                        def reference(i, w):
                            return {
                                "bi": each(betainc, np.float32, i["a"], i["b"], i["x"]),
                                "p": each(lower_gamma, np.float16, i["a"], i["x"]).astype(np.float32),
                            }
                        """)
                .tolerance(1e-3, 1e-4)
                .run(tmp);
    }

    private static org.tf2torch.ir.Tensor floats(double... v) {
        return TensorValues.ofDoubles(DType.F32, Shape.of(v.length), v);
    }
}
