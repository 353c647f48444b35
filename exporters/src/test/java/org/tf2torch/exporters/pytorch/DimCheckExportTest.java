package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.text.IrParser;

/** check_dims_not_one (TF Squeeze without axes on dynamic dims): a pass-through with a raise in both dialects. */
class DimCheckExportTest {
    @Test
    void passesValuesThroughAndRaisesWhenAGuardedDimIsOne(@TempDir Path tmp) throws Exception {
        ExportResult r = new TorchCheck(IrParser.parse("""
                graph @sq {
                  input %x : f32[batch,1,?] = "x"
                  %c = check_dims_not_one(%x) {axes=[0, 2], message="squeeze 'sq' needs sizes other than 1"} : f32[batch,1,?]
                  %y = squeeze(%c) {axes=[1]} : f32[batch,?]
                  return "y" = %y
                }
                """))
                .input("x", TensorValues.ofFloats(Shape.of(2, 1, 2), 1f, -2f, 0.5f, 3f))
                .reference("""
                        def reference(inputs, w):
                            return {"y": np.squeeze(inputs["x"], 1)}
                        """)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("if x.size(0) == 1 or x.size(2) == 1:"), py);
        assertTrue(py.contains("raise RuntimeError(\"squeeze 'sq' needs sizes other than 1\")"), py);
        String code = archiveCode(r);
        assertTrue(code.contains("ops.prim.RaiseException(\"squeeze 'sq' needs sizes other than 1\")"), code);
    }

    private static String archiveCode(ExportResult r) throws Exception {
        try (ZipFile z = new ZipFile(r.torchScript().toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                if (e.getName().endsWith("code/__torch__/model.py")) {
                    return new String(z.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no class code in " + r.torchScript());
    }
}
