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
 * Convolutions and pools with every kind of padding TF SAME produces (symmetric, asymmetric), grouped and
 * dilated convs, inference batch norm, and the average pools that do and do not count padding.
 */
class ConvExportTest {
    @Test
    void conv2dStack(@TempDir Path tmp) throws Exception {
        Graph g = IrParser.parse("""
                graph @conv_stack {
                  input %image : f32[batch,9,9,3] = "image"
                  weight "conv1/kernel" : f32[4,3,3,3]
                  weight "conv1/bias" : f32[4]
                  weight "conv2/kernel" : f32[4,4,2,2]
                  weight "dw/depthwise_kernel" : f32[4,1,3,3]
                  weight "bn/gamma" : f32[4]
                  weight "bn/beta" : f32[4]
                  buffer "bn/moving_mean" : f32[4]
                  buffer "bn/moving_variance" : f32[4]
                  weight "conv4/kernel" : f32[4,4,2,2]
                  %k1 = param() {name="conv1/kernel"} : f32[4,3,3,3]
                  %b1 = param() {name="conv1/bias"} : f32[4]
                  %k2 = param() {name="conv2/kernel"} : f32[4,4,2,2]
                  %kd = param() {name="dw/depthwise_kernel"} : f32[4,1,3,3]
                  %g = param() {name="bn/gamma"} : f32[4]
                  %be = param() {name="bn/beta"} : f32[4]
                  %mm = param() {name="bn/moving_mean"} : f32[4]
                  %mv = param() {name="bn/moving_variance"} : f32[4]
                  %k4 = param() {name="conv4/kernel"} : f32[4,4,2,2]
                  %t0 = transpose(%image) {perm=[0,3,1,2]} : f32[batch,3,9,9]
                  %c1 = conv(%t0, %k1, %b1) {strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1} : f32[batch,4,9,9]
                  %r1 = relu(%c1) : f32[batch,4,9,9]
                  %c2 = conv(%r1, %k2) {strides=[2,2], pads=[0,0,1,1], dilations=[1,1], group=1} : f32[batch,4,5,5]
                  %c3 = conv(%c2, %kd) {strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=4} : f32[batch,4,5,5]
                  %bn = batch_norm(%c3, %g, %be, %mm, %mv) {epsilon=0.001} : f32[batch,4,5,5]
                  %p1 = max_pool(%bn) {kernel_shape=[2,2], strides=[2,2], pads=[0,0,1,1]} : f32[batch,4,3,3]
                  %p2 = avg_pool(%p1) {kernel_shape=[3,3], strides=[1,1], pads=[1,1,1,1], count_include_pad=false} : f32[batch,4,3,3]
                  %p3 = avg_pool(%p2) {kernel_shape=[2,2], strides=[1,1], pads=[0,0,1,1], count_include_pad=false} : f32[batch,4,3,3]
                  %p4 = avg_pool(%p3) {kernel_shape=[2,2], strides=[1,1], pads=[1,0,0,1], count_include_pad=true} : f32[batch,4,3,3]
                  %p5 = max_pool(%p4) {kernel_shape=[3,3], strides=[1,1], pads=[1,1,1,1]} : f32[batch,4,3,3]
                  %c4 = conv(%p5, %k4) {strides=[1,1], pads=[1,0,1,1], dilations=[2,2], group=1} : f32[batch,4,3,2]
                  %out = transpose(%c4) {perm=[0,2,3,1]} : f32[batch,3,2,4]
                  return "features" = %out, "pooled" = %p5
                }
                """);
        ExportResult r = new TorchCheck(g)
                .weight("conv1/kernel", TestTensors.random(DType.F32, 1, 4, 3, 3, 3))
                .weight("conv1/bias", TestTensors.random(DType.F32, 2, 4))
                .weight("conv2/kernel", TestTensors.random(DType.F32, 3, 4, 4, 2, 2))
                .weight("dw/depthwise_kernel", TestTensors.random(DType.F32, 4, 4, 1, 3, 3))
                .weight("bn/gamma", TestTensors.random(DType.F32, 5, 4))
                .weight("bn/beta", TestTensors.random(DType.F32, 6, 4))
                .weight("bn/moving_mean", TestTensors.random(DType.F32, 7, 4))
                .weight("bn/moving_variance", TestTensors.positive(8, 4))
                .weight("conv4/kernel", TestTensors.random(DType.F32, 9, 4, 4, 2, 2))
                .input("image", TestTensors.random(DType.F32, 10, 2, 9, 9, 3))
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
                            p1 = max_pool(bn, (2, 2), (2, 2), (0, 0, 1, 1))
                            p2 = avg_pool(p1, (3, 3), (1, 1), (1, 1, 1, 1), False)
                            p3 = avg_pool(p2, (2, 2), (1, 1), (0, 0, 1, 1), False)
                            p4 = avg_pool(p3, (2, 2), (1, 1), (1, 0, 0, 1), True)
                            p5 = max_pool(p4, (3, 3), (1, 1), (1, 1, 1, 1))
                            c4 = conv(p5, w["conv4/kernel"], None, (1, 1), (1, 0, 1, 1), d=(2, 2))
                            return {"features": c4.transpose(0, 2, 3, 1).astype(np.float32),
                                    "pooled": p5.astype(np.float32)}
                        """)
                .run(tmp);
        assertEquals(4 * 27 + 4 + 64 + 36 + 4 + 4 + 64, r.trainableParameterCount());
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("F.conv2d(t0, self.conv1_kernel, bias=self.conv1_bias, padding=[1, 1])"), py);
        assertTrue(py.contains("self.register_buffer(\"bn_moving_mean\""), py);
        assertTrue(py.contains("F.batch_norm(c3, self.bn_moving_mean, self.bn_moving_variance, self.bn_gamma,"), py);
    }

    @Test
    void conv3dAndPools(@TempDir Path tmp) throws Exception {
        Graph g = IrParser.parse("""
                graph @volume {
                  input %v : f32[batch,2,5,6,4] = "volume"
                  weight "k" : f32[3,2,2,3,2]
                  weight "b" : f32[3]
                  %k = param() {name="k"} : f32[3,2,2,3,2]
                  %b = param() {name="b"} : f32[3]
                  %c = conv(%v, %k, %b) {strides=[1,2,1], pads=[0,1,0,1,1,1], dilations=[1,1,2], group=1} : f32[batch,3,5,3,3]
                  %a = avg_pool(%c) {kernel_shape=[2,2,2], strides=[1,1,2], pads=[1,0,0,0,1,1], count_include_pad=false} : f32[batch,3,5,3,2]
                  %m = max_pool(%a) {kernel_shape=[3,2,2], strides=[2,1,1], pads=[1,0,1,1,1,0]} : f32[batch,3,3,3,2]
                  %s = avg_pool(%m) {kernel_shape=[3,3,1], strides=[1,1,1], pads=[1,1,0,1,1,0], count_include_pad=false} : f32[batch,3,3,3,2]
                  return "out" = %s
                }
                """);
        new TorchCheck(g)
                .weight("k", TestTensors.random(DType.F32, 1, 3, 2, 2, 3, 2))
                .weight("b", TestTensors.random(DType.F32, 2, 3))
                .input("volume", TestTensors.random(DType.F32, 3, 2, 2, 5, 6, 4))
                .tolerance(1e-4, 1e-5)
                .reference(NumpyReference.SPATIAL + """
                        def reference(x, w):
                            c = conv(x["volume"], w["k"], w["b"], (1, 2, 1), (0, 1, 0, 1, 1, 1), d=(1, 1, 2))
                            a = avg_pool(c, (2, 2, 2), (1, 1, 2), (1, 0, 0, 0, 1, 1), False)
                            m = max_pool(a, (3, 2, 2), (2, 1, 1), (1, 0, 1, 1, 1, 0))
                            s = avg_pool(m, (3, 3, 1), (1, 1, 1), (1, 1, 0, 1, 1, 0), False)
                            return {"out": s.astype(np.float32)}
                        """)
                .run(tmp);
    }

    @Test
    void conv1dAndPools(@TempDir Path tmp) throws Exception {
        Graph g = IrParser.parse("""
                graph @signal {
                  input %s : f32[batch,3,10] = "signal"
                  weight "k" : f32[2,3,3]
                  %k = param() {name="k"} : f32[2,3,3]
                  %c = conv(%s, %k) {strides=[2], pads=[0,1], dilations=[1], group=1} : f32[batch,2,5]
                  %a = avg_pool(%c) {kernel_shape=[2], strides=[1], pads=[1,0], count_include_pad=false} : f32[batch,2,5]
                  %b = avg_pool(%a) {kernel_shape=[3], strides=[1], pads=[1,1], count_include_pad=false} : f32[batch,2,5]
                  %m = max_pool(%b) {kernel_shape=[3], strides=[2], pads=[0,1]} : f32[batch,2,2]
                  return "avg" = %a, "out" = %m
                }
                """);
        new TorchCheck(g)
                .weight("k", TestTensors.random(DType.F32, 1, 2, 3, 3))
                .input("signal", TestTensors.random(DType.F32, 2, 2, 3, 10))
                .tolerance(1e-4, 1e-5)
                .reference(NumpyReference.SPATIAL + """
                        def reference(x, w):
                            c = conv(x["signal"], w["k"], None, (2,), (0, 1))
                            a = avg_pool(c, (2,), (1,), (1, 0), False)
                            b = avg_pool(a, (3,), (1,), (1, 1), False)
                            m = max_pool(b, (3,), (2,), (0, 1))
                            return {"avg": a.astype(np.float32), "out": m.astype(np.float32)}
                        """)
                .run(tmp);
    }
}
