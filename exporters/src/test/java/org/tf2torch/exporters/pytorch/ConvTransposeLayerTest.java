package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.text.IrParser;

/**
 * Transposed convolutions as nn.ConvTranspose2d: stride 1 (k2) and stride 2 with two output channels (k3), both on
 * a batch of 2, which libtorch 2.5.1's conv_transpose2d gets wrong (the archive computes them as convolutions);
 * TF's asymmetric SAME (the call narrows the layer's result), VALID with output padding; a weight read with two
 * settings stays a plain module. Checked against NumPy through model.py, its torch.jit.script and the archive.
 */
class ConvTransposeLayerTest {
    private static final String IR = """
            graph @up {
              input %x : f32[batch,3,5,5] = "x"
              weight "same1/kernel" : f32[3,4,2,2] at ["same1", "kernel"]
              weight "same2/kernel" : f32[4,2,3,3] at ["same2", "kernel"]
              weight "same2/bias" : f32[2] at ["same2", "bias"]
              weight "valid/kernel" : f32[2,3,3,3] at ["valid", "kernel"]
              weight "valid/bias" : f32[3] at ["valid", "bias"]
              weight "twice/kernel" : f32[3,3,2,2] at ["twice", "kernel"]
              %k1 = param() {name="same1/kernel"} : f32[3,4,2,2]
              %k2 = param() {name="same2/kernel"} : f32[4,2,3,3]
              %b2 = param() {name="same2/bias"} : f32[2]
              %k3 = param() {name="valid/kernel"} : f32[2,3,3,3]
              %b3 = param() {name="valid/bias"} : f32[3]
              %k4 = param() {name="twice/kernel"} : f32[3,3,2,2]
              %a = conv_transpose(%x, %k1) {strides=[1,1], pads=[0,0,1,1], dilations=[1,1], group=1, output_padding=[0,0]} : f32[batch,4,5,5]
              %b = conv_transpose(%a, %k2, %b2) {strides=[2,2], pads=[0,0,1,1], dilations=[1,1], group=1, output_padding=[0,0]} : f32[batch,2,10,10]
              %c = conv_transpose(%b, %k3, %b3) {strides=[2,2], pads=[0,0,0,0], dilations=[1,1], group=1, output_padding=[1,1]} : f32[batch,3,22,22]
              %d = conv_transpose(%x, %k4) {strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1, output_padding=[0,0]} : f32[batch,3,6,6]
              %e = conv_transpose(%x, %k4) {strides=[1,1], pads=[0,0,1,1], dilations=[1,1], group=1, output_padding=[0,0]} : f32[batch,3,5,5]
              return "c" = %c, "d" = %d, "e" = %e
            }
            """;

    private static final String REFERENCE = """
            import numpy as np


            def conv_t(x, w, b, s, pads, out_pad):
                n, _, h, wd = x.shape
                _, o, kh, kw = w.shape
                full = np.zeros((n, o, (h - 1) * s + kh + out_pad[0], (wd - 1) * s + kw + out_pad[1]))
                for i in range(h):
                    for j in range(wd):
                        full[:, :, i * s:i * s + kh, j * s:j * s + kw] += np.einsum("nc,cokl->nokl", x[:, :, i, j], w)
                oh = (h - 1) * s + kh - pads[0] - pads[2] + out_pad[0]
                ow = (wd - 1) * s + kw - pads[1] - pads[3] + out_pad[1]
                y = full[:, :, pads[0]:pads[0] + oh, pads[1]:pads[1] + ow]
                return y if b is None else y + b.reshape(1, -1, 1, 1)


            def reference(x, w):
                a = conv_t(x["x"], w["same1/kernel"], None, 1, (0, 0, 1, 1), (0, 0))
                b = conv_t(a, w["same2/kernel"], w["same2/bias"], 2, (0, 0, 1, 1), (0, 0))
                c = conv_t(b, w["valid/kernel"], w["valid/bias"], 2, (0, 0, 0, 0), (1, 1))
                d = conv_t(x["x"], w["twice/kernel"], None, 1, (0, 0, 0, 0), (0, 0))
                e = conv_t(x["x"], w["twice/kernel"], None, 1, (0, 0, 1, 1), (0, 0))
                return [v.astype(np.float32) for v in (c, d, e)]
            """;

    @Test
    void transposedConvolutionsBecomeConvTranspose2dLayers(@TempDir Path tmp) throws Exception {
        Graph g = IrParser.parse(IR);
        ExportResult r = new TorchCheck(g)
                .weight("same1/kernel", TestTensors.random(DType.F32, 1, 3, 4, 2, 2))
                .weight("same2/kernel", TestTensors.random(DType.F32, 2, 4, 2, 3, 3))
                .weight("same2/bias", TestTensors.random(DType.F32, 3, 2))
                .weight("valid/kernel", TestTensors.random(DType.F32, 4, 2, 3, 3, 3))
                .weight("valid/bias", TestTensors.random(DType.F32, 5, 3))
                .weight("twice/kernel", TestTensors.random(DType.F32, 6, 3, 3, 2, 2))
                .input("x", TestTensors.random(DType.F32, 7, 2, 3, 5, 5))
                .tolerance(1e-4, 1e-5)
                .reference(REFERENCE)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("self.same1 = nn.ConvTranspose2d(3, 4, kernel_size=(2, 2), bias=False)"), py);
        assertTrue(py.contains("self.same2 = nn.ConvTranspose2d(4, 2, kernel_size=(3, 3), stride=(2, 2))"), py);
        assertTrue(py.contains("self.valid = nn.ConvTranspose2d(2, 3, kernel_size=(3, 3), stride=(2, 2), "
                + "output_padding=(1, 1))"), py);
        assertEquals(3, py.split("\\.narrow\\(2, 0, ", -1).length - 1, "same1, same2 and e narrow their results: " + py);
        assertTrue(py.contains("self.twice = Twice()") && py.contains("F.conv_transpose2d("), py);
        assertEquals(3 * 4 * 4 + 4 * 2 * 9 + 2 + 2 * 3 * 9 + 3 + 3 * 3 * 4, r.trainableParameterCount());
    }
}
