package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.text.IrParser;

/** Run-time checks (check_finite), max/min over empty inputs, and the archive's int16 validation method. */
class ChecksAndEmptyExportTest {
    @Test
    void checkFinitePassesValuesThroughAndRaisesInBothDialects(@TempDir Path tmp) throws Exception {
        ExportResult r = new TorchCheck(IrParser.parse("""
                graph @check {
                  input %x : f32[4] = "x"
                  %c = check_finite(%x) {message="prefix : Tensor had NaN or Inf values"} : f32[4]
                  %y = mul(%c, %c) : f32[4]
                  return "y" = %y
                }
                """))
                .input("x", TensorValues.ofFloats(Shape.of(4), 1f, -2f, 0.5f, 3f))
                .reference("""
                        def reference(inputs, w):
                            return {"y": inputs["x"] * inputs["x"]}
                        """)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("if not bool(torch.all(torch.isfinite(x))):"), py);
        assertTrue(py.contains("raise RuntimeError(\"prefix : Tensor had NaN or Inf values\")"), py);
        String code = archiveCode(r);
        assertTrue(code.contains("ops.prim.RaiseException(\"prefix : Tensor had NaN or Inf values\")"), code);
    }

    /** Static empty dims give the identity directly; a dynamic dim fed 0 rows takes the run-time branch. */
    @Test
    void maxAndMinOverNothingGiveTheIdentity(@TempDir Path tmp) throws Exception {
        ExportResult r = new TorchCheck(IrParser.parse("""
                graph @empty {
                  input %x : f32[0,3] = "x"
                  input %z : f32[batch,3] = "z"
                  %mx = reduce_max(%x) {axes=[0]} : f32[3]
                  %mn = reduce_min(%x) {axes=[], keepdims=true} : f32[1,1]
                  %dz = reduce_max(%z) {axes=[0], keepdims=true} : f32[1,3]
                  %cmx = clip(%mx) {min=-5.0, max=5.0} : f32[3]
                  %cmn = clip(%mn) {min=-5.0, max=5.0} : f32[1,1]
                  %cdz = clip(%dz) {min=-5.0, max=5.0} : f32[1,3]
                  return "mx" = %cmx, "mn" = %cmn, "dz" = %cdz
                }
                """))
                .input("x", TensorValues.ofFloats(Shape.of(0, 3)))
                .input("z", TensorValues.ofFloats(Shape.of(0, 3)))
                .reference("""
                        def reference(inputs, w):
                            return {"mx": np.full([3], -5, np.float32), "mn": np.full([1, 1], 5, np.float32),
                                    "dz": np.full([1, 3], -5, np.float32)}
                        """)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("torch.full([3], float(\"-inf\"), dtype=torch.float32, device=x.device)"), py);
        assertTrue(py.contains("if z.numel() > 0 else torch.full([1, 3], float(\"-inf\")"), py);
    }

    @Test
    void reductionsOverNonEmptyStaticDimsStayPlain(@TempDir Path tmp) throws Exception {
        Graph g = IrParser.parse("""
                graph @plain {
                  input %x : i32[2,3] = "x"
                  %mx = reduce_max(%x) {axes=[1]} : i32[2]
                  return "mx" = %mx
                }
                """);
        ExportResult r = PyTorchExporter.export(g, Files.createDirectories(tmp.resolve("out")), ExportOptions.defaults());
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("mx = torch.amax(x, dim=[1])"), py);
        assertFalse(py.contains("torch.full"), py);
    }

    /** int16 crosses DJL as int32 through a second method; forward and model.py keep int16. */
    @Test
    void archiveGetsAWideningMethodForInt16(@TempDir Path tmp) throws Exception {
        ExportResult r = new TorchCheck(IrParser.parse("""
                graph @narrow {
                  input %x : i16[3] = "x"
                  input %y : f32[3] = "y"
                  %s = add(%x, %x) : i16[3]
                  %n = neg(%y) : f32[3]
                  return "s" = %s, "n" = %n
                }
                """))
                .input("x", TensorValues.ofLongs(DType.I16, Shape.of(3), new long[] {-32768, 7, 16000}))
                .input("y", TensorValues.ofFloats(Shape.of(3), 1f, 2f, 3f))
                .reference("""
                        def reference(inputs, w):
                            return {"s": inputs["x"] + inputs["x"], "n": -inputs["y"]}
                        """)
                .skipLibtorch()
                .run(tmp);
        String code = archiveCode(r);
        assertTrue(code.contains("def validation_forward(self: __torch__.model.Narrow,"), code);
        assertTrue(code.contains("x_narrow = torch.to(x, 2)"), code);
        assertTrue(code.contains("result = self.forward(x_narrow, y)"), code);
        assertTrue(code.contains("return {\"s\": torch.to(result[\"s\"], 3), \"n\": result[\"n\"]}"), code);
        assertFalse(Files.readString(r.modelPy()).contains("validation_forward"));
    }

    @Test
    void noWideningMethodWithoutInt16() throws Exception {
        Graph g = IrParser.parse("""
                graph @wide {
                  input %x : i32[3] = "x"
                  %s = add(%x, %x) : i32[3]
                  return "s" = %s
                }
                """);
        Path out = Files.createTempDirectory("wide");
        ExportResult r = PyTorchExporter.export(g, out, ExportOptions.defaults());
        assertFalse(archiveCode(r).contains("validation_forward"));
    }

    private static String archiveCode(ExportResult r) throws Exception {
        try (ZipFile z = new ZipFile(r.torchScript().toFile())) {
            for (var e : List.copyOf(java.util.Collections.list(z.entries()))) {
                if (e.getName().endsWith("code/__torch__/model.py")) {
                    return new String(z.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no class code in " + r.torchScript());
    }
}
