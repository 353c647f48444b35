package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.text.IrParser;

/**
 * A symbolic batch flows through shape arithmetic (the Flatten TF emits), and what the plan leaves out:
 * nodes no output needs, constants only read as literal sizes. Unused variables still belong to the state.
 */
class DynamicShapeExportTest {
    static final String IR = """
            graph @flatten_head {
              input %x : f32[batch,4,4,2] = "x"
              weight "head/kernel" : f32[32,3]
              weight "unused/kernel" : f32[7]
              %w = param() {name="head/kernel"} : f32[32,3]
              %sh = shape(%x) : i64[4]
              %b = slice(%sh) {starts=[0], ends=[1], axes=[0], steps=[1]} : i64[1]
              %m1 = const() {value=dense<i64[1]>[-1]} : i64[1]
              %target = concat(%b, %m1) {axis=0} : i64[2]
              %flat = reshape(%x, %target) : f32[batch,32]
              %y = matmul(%flat, %w) : f32[batch,3]
              %dead = exp(%y) : f32[batch,3]
              %c = const() {value=dense<i64[2]>[-1,3]} : i64[2]
              %z = reshape(%y, %c) : f32[batch,3]
              return "logits" = %z
            }
            """;

    @Test
    void symbolicBatchRunsThroughShapeArithmetic(@TempDir Path tmp) throws Exception {
        Graph g = IrParser.parse(IR);
        ExportResult r = new TorchCheck(g)
                .weight("head/kernel", TestTensors.random(DType.F32, 1, 32, 3))
                .input("x", TestTensors.random(DType.F32, 2, 3, 4, 4, 2))
                .tolerance(1e-5, 1e-5)
                .reference("""
                        def reference(x, w):
                            return {"logits": x["x"].reshape(3, -1) @ w["head/kernel"]}
                        """)
                .run(tmp);
        assertEquals(List.of("head_kernel", "unused_kernel"),
                r.stateDict().stream().map(ExportResult.StateEntry::key).toList());
        assertEquals(32 * 3 + 7, r.trainableParameterCount());
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("flat = x.reshape([int(d) for d in target])"), py);
        assertTrue(py.contains("z = y.reshape(-1, 3)"), py);
        assertFalse(py.contains("exp"), py);
        assertFalse(py.contains("c = torch.tensor"), py);
    }

    @Test
    void unsupportedShapesNameTheNode(@TempDir Path tmp) {
        Graph g = IrParser.parse("""
                graph @bad {
                  input %x : f32[1,1,2,2,2,2] = "x"
                  %p = max_pool(%x) {kernel_shape=[1,1,1,1], strides=[1,1,1,1], pads=[0,0,0,0,0,0,0,0]} : f32[1,1,2,2,2,2]  # tf "pool4d" "MaxPool"
                  return "y" = %p
                }
                """);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> PyTorchExporter.export(g, tmp, ExportOptions.defaults()));
        assertTrue(e.getMessage().contains("pool4d"), e.getMessage());
    }
}
