package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Weights with object paths become a module hierarchy; layers whose weights the graph uses exactly as torch's
 * layers do become nn.Conv2d (symmetric, asymmetric and grouped), nn.BatchNorm2d and nn.Linear (also one applied
 * twice); a layer whose weight is read another way stays a plain module. Checked against NumPy through model.py,
 * its torch.jit.script and the archive (torch 1.13 and libtorch 2.5).
 */
class LayerExportTest {
    private static final String IR = """
            graph @layers {
              input %image : f32[batch,6,6,3] = "image"
              weight "conv1/kernel" : f32[4,3,3,3] at ["block", "conv1", "kernel"]
              weight "conv1/bias" : f32[4] at ["block", "conv1", "bias"]
              weight "conv2/kernel" : f32[4,4,2,2] at ["block", "conv2", "kernel"]
              weight "dw/depthwise_kernel" : f32[4,1,3,3] at ["dw", "depthwise_kernel"]
              weight "bn/gamma" : f32[4] at ["bn", "gamma"]
              weight "bn/beta" : f32[4] at ["bn", "beta"]
              buffer "bn/moving_mean" : f32[4] at ["bn", "moving_mean"]
              buffer "bn/moving_variance" : f32[4] at ["bn", "moving_variance"]
              weight "dense/kernel" : f32[36,5] at ["dense", "kernel"]
              weight "dense/bias" : f32[5] at ["dense", "bias"]
              weight "shared/kernel" : f32[5,5] at ["shared", "kernel"]
              weight "shared/bias" : f32[5] at ["shared", "bias"]
              weight "odd/kernel" : f32[5,5] at ["odd", "kernel"]
              weight "unused/kernel" : f32[2,2] at ["unused", "kernel"]
              %k1 = param() {name="conv1/kernel"} : f32[4,3,3,3]
              %b1 = param() {name="conv1/bias"} : f32[4]
              %k2 = param() {name="conv2/kernel"} : f32[4,4,2,2]
              %kd = param() {name="dw/depthwise_kernel"} : f32[4,1,3,3]
              %g = param() {name="bn/gamma"} : f32[4]
              %be = param() {name="bn/beta"} : f32[4]
              %mm = param() {name="bn/moving_mean"} : f32[4]
              %mv = param() {name="bn/moving_variance"} : f32[4]
              %kw = param() {name="dense/kernel"} : f32[36,5]
              %bw = param() {name="dense/bias"} : f32[5]
              %ks = param() {name="shared/kernel"} : f32[5,5]
              %bs = param() {name="shared/bias"} : f32[5]
              %ko = param() {name="odd/kernel"} : f32[5,5]
              %t0 = transpose(%image) {perm=[0,3,1,2]} : f32[batch,3,6,6]
              %c1 = conv(%t0, %k1, %b1) {strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1} : f32[batch,4,6,6]
              %r1 = relu(%c1) : f32[batch,4,6,6]
              %c2 = conv(%r1, %k2) {strides=[2,2], pads=[0,0,1,1], dilations=[1,1], group=1} : f32[batch,4,3,3]
              %c3 = conv(%c2, %kd) {strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=4} : f32[batch,4,3,3]
              %bn = batch_norm(%c3, %g, %be, %mm, %mv) {epsilon=0.001} : f32[batch,4,3,3]
              %shape = const() {value=dense<i64[2]>[-1,36]} : i64[2]
              %flat = reshape(%bn, %shape) : f32[batch,36]
              %d0 = matmul(%flat, %kw) : f32[batch,5]
              %d = add(%d0, %bw) : f32[batch,5]
              %e0 = matmul(%d, %ks) : f32[batch,5]
              %e = add(%bs, %e0) : f32[batch,5]
              %f0 = matmul(%e, %ks) : f32[batch,5]
              %f = add(%f0, %bs) : f32[batch,5]
              %kot = transpose(%ko) {perm=[1,0]} : f32[5,5]
              %h = matmul(%f, %kot) : f32[batch,5]
              return "logits" = %h
            }
            """;

    @Test
    void layersBecomeTorchLayersInAModuleHierarchy(@TempDir Path tmp) throws Exception {
        Graph g = IrParser.parse(IR);
        ExportResult r = new TorchCheck(g)
                .weight("conv1/kernel", TestTensors.random(DType.F32, 1, 4, 3, 3, 3))
                .weight("conv1/bias", TestTensors.random(DType.F32, 2, 4))
                .weight("conv2/kernel", TestTensors.random(DType.F32, 3, 4, 4, 2, 2))
                .weight("dw/depthwise_kernel", TestTensors.random(DType.F32, 4, 4, 1, 3, 3))
                .weight("bn/gamma", TestTensors.random(DType.F32, 5, 4))
                .weight("bn/beta", TestTensors.random(DType.F32, 6, 4))
                .weight("bn/moving_mean", TestTensors.random(DType.F32, 7, 4))
                .weight("bn/moving_variance", TestTensors.positive(8, 4))
                .weight("dense/kernel", TestTensors.random(DType.F32, 9, 36, 5))
                .weight("dense/bias", TestTensors.random(DType.F32, 10, 5))
                .weight("shared/kernel", TestTensors.random(DType.F32, 11, 5, 5))
                .weight("shared/bias", TestTensors.random(DType.F32, 12, 5))
                .weight("odd/kernel", TestTensors.random(DType.F32, 13, 5, 5))
                .weight("unused/kernel", TestTensors.random(DType.F32, 14, 2, 2))
                .input("image", TestTensors.random(DType.F32, 15, 2, 6, 6, 3))
                .tolerance(1e-4, 1e-5)
                .reference(NumpyReference.SPATIAL + """
                        def reference(x, w):
                            t = x["image"].transpose(0, 3, 1, 2)
                            c1 = np.maximum(conv(t, w["conv1/kernel"], w["conv1/bias"], (1, 1), (1, 1, 1, 1)), 0)
                            c2 = conv(c1, w["conv2/kernel"], None, (2, 2), (0, 0, 1, 1))
                            c3 = conv(c2, w["dw/depthwise_kernel"], None, (1, 1), (1, 1, 1, 1), groups=4)
                            sh = (1, -1, 1, 1)
                            bn = ((c3 - w["bn/moving_mean"].reshape(sh)) / np.sqrt(w["bn/moving_variance"].reshape(sh) + 0.001)
                                  * w["bn/gamma"].reshape(sh) + w["bn/beta"].reshape(sh))
                            d = bn.reshape(-1, 36) @ w["dense/kernel"] + w["dense/bias"]
                            e = d @ w["shared/kernel"] + w["shared/bias"]
                            f = e @ w["shared/kernel"] + w["shared/bias"]
                            return [(f @ w["odd/kernel"].T).astype(np.float32)]
                        """)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("self.conv1 = nn.Conv2d(3, 4, kernel_size=(3, 3), padding=(1, 1))"), py);
        assertTrue(py.contains("self.conv2 = nn.Conv2d(4, 4, kernel_size=(2, 2), stride=(2, 2), bias=False)"), py);
        assertTrue(py.contains("F.pad("), "asymmetric SAME padding is explicit: " + py);
        assertTrue(py.contains("self.dw = nn.Conv2d(4, 4, kernel_size=(3, 3), padding=(1, 1), groups=4, bias=False)"), py);
        assertTrue(py.contains("self.bn = nn.BatchNorm2d(4, eps=0.001)"), py);
        assertTrue(py.contains("self.dense = nn.Linear(36, 5)"), py);
        assertTrue(py.contains("self.shared = nn.Linear(5, 5)"), py);
        assertEquals(2, py.split("self\\.shared\\(", -1).length - 1, "the shared layer is called twice: " + py);
        assertTrue(py.contains("self.block = Block()"), py);
        assertTrue(py.contains("self.odd = Odd()") && py.contains("self.odd.kernel"), py);
        assertTrue(py.contains("self.unused = Unused()"), "an unread layer keeps its weights: " + py);
        assertFalse(py.contains("const_"), py);
        List<String> keys = r.stateDict().stream().map(ExportResult.StateEntry::key).toList();
        assertTrue(keys.containsAll(List.of("block.conv1.weight", "block.conv1.bias", "block.conv2.weight",
                "dw.weight", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked",
                "dense.weight", "dense.bias", "shared.weight", "shared.bias", "odd.kernel", "unused.kernel")), keys.toString());
        long expected = 4 * 27 + 4 + 4 * 16 + 4 * 9 + 4 + 4 + 36 * 5 + 5 + 25 + 5 + 25 + 4;
        assertEquals(expected, r.trainableParameterCount());
    }
}
