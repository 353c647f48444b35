package org.tf2torch.importers.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tf2torch.importers.ImportResult;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/** Keras Conv2DTranspose: output_shape is Pack(batch read at run time, static h, w, filters). */
class ConvTransposeImportTest {
    @TempDir
    Path tmp;

    /** x [-1,4,4,2] NHWC, kernel 3x3 [h,w,out=3,in=2], stride 2, output_shape stacked from Shape(x)[0]. */
    private static TfGraph keras(String padding, int size, boolean dynamicHeight) {
        TfGraph g = new TfGraph().placeholder("x", DataType.DT_FLOAT, -1, 4, 4, 2);
        g.node("shape", "Shape", List.of("x"), "T", TfGraph.type(DataType.DT_FLOAT),
                "out_type", TfGraph.type(DataType.DT_INT32));
        g.ints("b0", new long[] {1}, 0).ints("b1", new long[] {1}, 1).ints("s1", new long[] {1}, 1);
        g.ints("b2", new long[] {1}, 2);
        g.node("batch", "StridedSlice", List.of("shape", "b0", "b1", "s1"), "T", TfGraph.type(DataType.DT_INT32),
                "Index", TfGraph.type(DataType.DT_INT32), "shrink_axis_mask", TfGraph.i(1));
        g.node("height", "StridedSlice", List.of("shape", "b1", "b2", "s1"), "T", TfGraph.type(DataType.DT_INT32),
                "Index", TfGraph.type(DataType.DT_INT32), "shrink_axis_mask", TfGraph.i(1));
        g.ints("h", new long[] {}, size).ints("w", new long[] {}, size).ints("c", new long[] {}, 3);
        g.node("mul", "Mul", List.of("height", "b2"), "T", TfGraph.type(DataType.DT_INT32));
        g.node("hh", "Reshape", List.of("mul", "shape_scalar"), "T", TfGraph.type(DataType.DT_INT32));
        g.ints("shape_scalar", new long[] {0});
        g.node("output_shape", "Pack", List.of("batch", dynamicHeight ? "hh" : "h", "w", "c"),
                "T", TfGraph.type(DataType.DT_INT32), "N", TfGraph.i(4), "axis", TfGraph.i(0));
        float[] k = new float[3 * 3 * 3 * 2];
        for (int i = 0; i < k.length; i++) k[i] = i * 0.01f;
        g.floats("kernel", new long[] {3, 3, 3, 2}, k);
        g.node("y", "Conv2DBackpropInput", List.of("output_shape", "kernel", "x"), "T", TfGraph.type(DataType.DT_FLOAT),
                "strides", AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder().addAllI(List.of(1L, 2L, 2L, 1L))).build(), "padding", TfGraph.s(padding),
                "data_format", TfGraph.s("NHWC"));
        return g;
    }

    private static Node convTranspose(ImportResult r) {
        for (Node n : r.graph().nodes()) if (n.op() == Op.CONV_TRANSPOSE) return n;
        throw new AssertionError("no conv_transpose in\n" + TfGraph.ir(r));
    }

    @Test
    void dynamicBatchWithStaticSpatialSizesConverts() throws Exception {
        ImportResult r = keras("SAME", 8, false).load(tmp, "y");
        Node ct = convTranspose(r);
        // forward conv of 8 with k3 s2 SAME: out 4, total pad 1, split 0 before and 1 after
        assertArrayEquals(new long[] {0, 0, 1, 1}, ct.attrs().ints("pads"), TfGraph.ir(r));
        assertArrayEquals(new long[] {0, 0}, ct.attrs().ints("output_padding"));
        Value y = r.graph().outputs().get("y");
        assertEquals("f32[batch,8,8,3]", y.type().toString());
    }

    @Test
    void validPaddingGetsOutputPaddingForTheStrideRemainder() throws Exception {
        // forward convs of 9 and of 10 with k3 s2 VALID both give 4: TF's input_sizes picks one
        ImportResult r = keras("VALID", 10, false).load(tmp, "y");
        Node ct = convTranspose(r);
        assertArrayEquals(new long[] {0, 0, 0, 0}, ct.attrs().ints("pads"));
        assertArrayEquals(new long[] {1, 1}, ct.attrs().ints("output_padding"));
        assertEquals("f32[batch,10,10,3]", r.graph().outputs().get("y").type().toString());
    }

    @Test
    void sizesNoForwardConvolutionCouldHaveAreRefused() {
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class,
                () -> keras("VALID", 8, false).load(tmp, "y"));
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
    }

    @Test
    void spatialSizesComputedAtRunTimeAreRefused() {
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> keras("SAME", 8, true).load(tmp, "y"));
        assertTrue(e.getMessage().contains("spatial size computed at run time"), e.getMessage());
    }
}
