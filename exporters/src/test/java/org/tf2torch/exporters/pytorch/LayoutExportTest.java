package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.text.IrParser;

/**
 * Shape and layout ops with the cases torch does not map one to one: negative slice steps, ONNX slice
 * clamping, pads in every mode (including axes torch's reflect/replicate cannot pad), reductions keeping the
 * IR dtype, integer division, computed shapes, two-way broadcasting Expand, multi-axis (un)squeeze.
 */
class LayoutExportTest {
    static final String IR = """
            graph @layout {
              input %x : f32[2,3,4] = "x"
              %s0 = const() {value=dense<i64[2]>[3,-1]} : i64[2]
              %r = reshape(%x, %s0) : f32[3,8]
              %t = transpose(%r) {perm=[1,0]} : f32[8,3]
              %cat = concat(%t, %t) {axis=0} : f32[16,3]
              %rev = slice(%x) {starts=[-1], ends=[-9223372036854775808], axes=[2], steps=[-1]} : f32[2,3,4]
              %odd = slice(%x) {starts=[3], ends=[0], axes=[-1], steps=[-2]} : f32[2,3,2]
              %pos = slice(%x) {starts=[1,0], ends=[9223372036854775807,3], axes=[0,1], steps=[1,2]} : f32[1,2,4]
              %mix = slice(%x) {starts=[0,2], ends=[2,-10], axes=[1,2], steps=[1,-1]} : f32[2,2,3]
              %pc = pad(%x) {pads=[0,1,0,0,0,2], mode="constant", value=1.5} : f32[2,4,6]
              %pr = pad(%x) {pads=[0,1,1,0,1,2], mode="reflect", value=0.0} : f32[2,5,7]
              %pe = pad(%x) {pads=[1,0,0,2,0,0], mode="edge", value=0.0} : f32[5,3,4]
              %pa = pad(%x) {pads=[1,1,1,1,1,1], mode="reflect", value=0.0} : f32[4,5,6]
              %x4 = unsqueeze(%x) {axes=[0]} : f32[1,2,3,4]
              %pf = pad(%x4) {pads=[2,0,1,0,1,0,0,1], mode="edge", value=0.0} : f32[4,2,4,5]
              %x4b = unsqueeze(%x) {axes=[-1]} : f32[2,3,4,1]
              %pg = pad(%x4b) {pads=[1,0,0,0,1,2,0,0], mode="reflect", value=0.0} : f32[4,5,4,1]
              %rs = reduce_sum(%x) {axes=[1], keepdims=false} : f32[2,4]
              %rm = reduce_mean(%x) {axes=[], keepdims=true} : f32[1,1,1]
              %rx = reduce_max(%x) {axes=[-1], keepdims=true} : f32[2,3,1]
              %s1 = const() {value=dense<i64[4]>[2,1,3,5]} : i64[4]
              %ex = expand(%rx, %s1) : f32[2,2,3,5]
              %u = unsqueeze(%x) {axes=[0,3]} : f32[1,2,3,1,4]
              %sq = squeeze(%u) {axes=[3,0]} : f32[2,3,4]
              %sh = shape(%x) : i64[3]
              %sh0 = slice(%sh) {starts=[0], ends=[1], axes=[0], steps=[1]} : i64[1]
              %m1 = const() {value=dense<i64[1]>[-1]} : i64[1]
              %ns = concat(%sh0, %m1) {axis=0} : i64[2]
              %dyn = reshape(%x, %ns) : f32[2,12]
              %r0 = reduce_max(%x) {axes=[1], keepdims=true} : f32[2,1,4]
              %dx = expand(%r0, %sh) : f32[2,3,4]
              %ten = const() {value=dense<f32[]>[10.0]} : f32[]
              %x10 = mul(%x, %ten) : f32[2,3,4]
              %xi = cast(%x10) {to=i32} : i32[2,3,4]
              %si = reduce_sum(%xi) {axes=[0], keepdims=false} : i32[3,4]
              %three = const() {value=dense<i32[]>[3]} : i32[]
              %dv = div(%xi, %three) : i32[2,3,4]
              %mi = reduce_mean(%xi) {axes=[1], keepdims=false} : i32[2,4]
              %lo = const() {value=dense<f32[3,1]>[0.25,-0.5,0.0]} : f32[3,1]
              %mx = max(%x, %lo) : f32[2,3,4]
              %mn = min(%lo, %x) : f32[2,3,4]
              return "cat" = %cat, "rev" = %rev, "odd" = %odd, "pos" = %pos, "mix" = %mix, "pc" = %pc, "pr" = %pr, "pe" = %pe, "pa" = %pa, "pf" = %pf, "pg" = %pg, "rs" = %rs, "rm" = %rm, "ex" = %ex, "sq" = %sq, "shape" = %sh, "dyn" = %dyn, "dx" = %dx, "si" = %si, "dv" = %dv, "mi" = %mi, "mx" = %mx, "mn" = %mn
            }
            """;

    @Test
    void layoutOpsMatchNumpy(@TempDir Path tmp) throws Exception {
        Graph g = IrParser.parse(IR);
        ExportResult r = new TorchCheck(g)
                .input("x", TestTensors.random(DType.F32, 1, 2, 3, 4))
                .reference("""
                        def trunc_div(a, b):
                            return (np.sign(a) * (np.abs(a) // b)).astype(a.dtype)


                        def reference(inputs, w):
                            x = inputs["x"]
                            t = x.reshape(3, -1).T
                            rx = x.max(-1, keepdims=True)
                            xi = (x * np.float32(10)).astype(np.int32)
                            x4 = x[None]
                            x4b = x[..., None]
                            lo = np.array([0.25, -0.5, 0.0], np.float32).reshape(3, 1)
                            return {
                                "cat": np.concatenate([t, t], 0),
                                "rev": x[:, :, ::-1],
                                "odd": x[:, :, 3:0:-2],
                                "pos": x[1:, 0:3:2],
                                "mix": x[:, 0:2, 2::-1],
                                "pc": np.pad(x, ((0, 0), (1, 0), (0, 2)), constant_values=1.5),
                                "pr": np.pad(x, ((0, 0), (1, 1), (1, 2)), mode="reflect"),
                                "pe": np.pad(x, ((1, 2), (0, 0), (0, 0)), mode="edge"),
                                "pa": np.pad(x, 1, mode="reflect"),
                                "pf": np.pad(x4, ((2, 1), (0, 0), (1, 0), (0, 1)), mode="edge"),
                                "pg": np.pad(x4b, ((1, 1), (0, 2), (0, 0), (0, 0)), mode="reflect"),
                                "rs": x.sum(1),
                                "rm": x.mean(keepdims=True),
                                "ex": rx * np.ones((2, 1, 3, 5), np.float32),
                                "sq": x,
                                "shape": np.array(x.shape, np.int64),
                                "dyn": x.reshape(2, -1),
                                "dx": np.broadcast_to(x.max(1, keepdims=True), x.shape),
                                "si": xi.sum(0, dtype=np.int32),
                                "dv": trunc_div(xi, 3),
                                "mi": trunc_div(xi.sum(1, dtype=np.int32), 3),
                                "mx": np.maximum(x, lo),
                                "mn": np.minimum(lo, x),
                            }
                        """)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("rev = torch.flip(x, [2])"), py);
        assertTrue(py.contains("x10 = x * 10.0"), py);
        assertTrue(py.contains("dv = torch.div(xi, 3, rounding_mode=\"trunc\")"), py);
        assertTrue(py.contains("self.register_buffer(\"const_0\", torch.empty([3, 1], dtype=torch.float32))"), py);
    }
}
