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
 * DepthwiseConv2D with a channel multiplier (the importer's repeated-input form) becomes
 * {@code nn.Conv2d(C, C*M, groups=C)}, a SeparableConv2D becomes a module with a depthwise and a pointwise
 * {@code nn.Conv2d}, and a 5-D conv weight an {@code nn.Conv3d} with explicit asymmetric padding. Checked against
 * NumPy through model.py, its torch.jit.script and the archive (torch 1.13 and libtorch 2.5).
 */
class ConvLayerExportTest {
    private static final String IR = """
            graph @convs {
              input %image : f32[batch,6,6,2] = "image"
              weight "dwm/depthwise_kernel" : f32[2,3,3,3] at ["dwm", "depthwise_kernel"]
              weight "sep/depthwise_kernel" : f32[6,1,3,3] at ["sep", "depthwise_kernel"]
              weight "sep/pointwise_kernel" : f32[4,6,1,1] at ["sep", "pointwise_kernel"]
              weight "sep/bias" : f32[4] at ["sep", "bias"]
              weight "c3d/kernel" : f32[2,4,1,2,2] at ["c3d", "kernel"]
              weight "c3d/bias" : f32[2] at ["c3d", "bias"]
              %kdm = param() {name="dwm/depthwise_kernel"} : f32[2,3,3,3]
              %sdw = param() {name="sep/depthwise_kernel"} : f32[6,1,3,3]
              %spw = param() {name="sep/pointwise_kernel"} : f32[4,6,1,1]
              %sb = param() {name="sep/bias"} : f32[4]
              %k3 = param() {name="c3d/kernel"} : f32[2,4,1,2,2]
              %b3 = param() {name="c3d/bias"} : f32[2]
              %t0 = transpose(%image) {perm=[0,3,1,2]} : f32[batch,2,6,6]
              %ws = const() {value=dense<i64[4]>[6,1,3,3]} : i64[4]
              %wr = reshape(%kdm, %ws) : f32[6,1,3,3]
              %u = unsqueeze(%t0) {axes=[2]} : f32[batch,2,1,6,6]
              %es = const() {value=dense<i64[5]>[1,1,3,1,1]} : i64[5]
              %e = expand(%u, %es) : f32[batch,2,3,6,6]
              %rs = const() {value=dense<i64[4]>[-1,6,6,6]} : i64[4]
              %rr = reshape(%e, %rs) : f32[batch,6,6,6]
              %c1 = conv(%rr, %wr) {strides=[2,2], pads=[0,0,1,1], dilations=[1,1], group=6} : f32[batch,6,3,3]
              %c2 = conv(%c1, %sdw) {strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=6} : f32[batch,6,3,3]
              %c3 = conv(%c2, %spw, %sb) {strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1} : f32[batch,4,3,3]
              %v = unsqueeze(%c3) {axes=[2]} : f32[batch,4,1,3,3]
              %c4 = conv(%v, %k3, %b3) {strides=[1,1,1], pads=[0,0,0,0,1,1], dilations=[1,1,1], group=1} : f32[batch,2,1,3,3]
              %fs = const() {value=dense<i64[2]>[-1,18]} : i64[2]
              %flat = reshape(%c4, %fs) : f32[batch,18]
              return "y" = %flat
            }
            """;

    @Test
    void depthwiseSeparableAndConv3dBecomeTorchLayers(@TempDir Path tmp) throws Exception {
        Graph g = IrParser.parse(IR);
        ExportResult r = new TorchCheck(g)
                .weight("dwm/depthwise_kernel", TestTensors.random(DType.F32, 1, 2, 3, 3, 3))
                .weight("sep/depthwise_kernel", TestTensors.random(DType.F32, 2, 6, 1, 3, 3))
                .weight("sep/pointwise_kernel", TestTensors.random(DType.F32, 3, 4, 6, 1, 1))
                .weight("sep/bias", TestTensors.random(DType.F32, 4, 4))
                .weight("c3d/kernel", TestTensors.random(DType.F32, 5, 2, 4, 1, 2, 2))
                .weight("c3d/bias", TestTensors.random(DType.F32, 6, 2))
                .input("image", TestTensors.random(DType.F32, 7, 2, 6, 6, 2))
                .tolerance(1e-4, 1e-5)
                .reference(NumpyReference.SPATIAL + """
                        def reference(x, w):
                            t = x["image"].transpose(0, 3, 1, 2)
                            c1 = conv(t, w["dwm/depthwise_kernel"].reshape(6, 1, 3, 3), None, (2, 2), (0, 0, 1, 1),
                                      groups=2)
                            c2 = conv(c1, w["sep/depthwise_kernel"], None, (1, 1), (1, 1, 1, 1), groups=6)
                            c3 = conv(c2, w["sep/pointwise_kernel"], w["sep/bias"], (1, 1), (0, 0, 0, 0))
                            c4 = conv(c3[:, :, None], w["c3d/kernel"], w["c3d/bias"], (1, 1, 1), (0, 0, 0, 0, 1, 1))
                            return [c4.reshape(-1, 18).astype(np.float32)]
                        """)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("self.dwm = nn.Conv2d(2, 6, kernel_size=(3, 3), stride=(2, 2), groups=2, bias=False)"),
                py);
        assertTrue(py.contains("self.depthwise = nn.Conv2d(6, 6, kernel_size=(3, 3), padding=(1, 1), groups=6, "
                + "bias=False)"), py);
        assertTrue(py.contains("self.pointwise = nn.Conv2d(6, 4, kernel_size=(1, 1))"), py);
        assertTrue(py.contains("self.c3d = nn.Conv3d(4, 2, kernel_size=(1, 2, 2))"), py);
        assertTrue(py.contains("F.pad(") && py.contains("[0, 1, 0, 1, 0, 0]"), "asymmetric 3-D pads: " + py);
        assertFalse(py.contains(".expand("), "the channel repeat belongs to the depthwise layer: " + py);
        List<String> keys = r.stateDict().stream().map(ExportResult.StateEntry::key).toList();
        assertEquals(List.of("dwm.weight", "sep.depthwise.weight", "sep.pointwise.weight", "sep.pointwise.bias",
                "c3d.weight", "c3d.bias"), keys);
        assertEquals(2 * 3 * 9 + 6 * 9 + 6 * 4 + 4 + 2 * 4 * 4 + 2, r.trainableParameterCount());
    }
}
