package org.tf2torch.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tf2torch.ir.IrTesting.input;
import static org.tf2torch.ir.IrTesting.node;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShapeInferenceTest {
    private final Graph g = new Graph("g");

    private String type(Op op, Map<String, ?> attrs, String... inputTypes) {
        Value[] in = new Value[inputTypes.length];
        for (int i = 0; i < in.length; i++) in[i] = input(g, "in" + g.inputs().size(), inputTypes[i]);
        return node(g, op, attrs, in).type().toString();
    }

    private String type(Op op, String... inputTypes) { return type(op, Map.of(), inputTypes); }

    private void fails(String fragment, Op op, Map<String, ?> attrs, String... inputTypes) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> type(op, attrs, inputTypes));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private Value constI64(long... v) { return g.constant(TensorValues.i64Vector(v)); }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = ';', value = {
        "f32[2,3]; f32[2,3]; f32[2,3]",
        "f32[2,3]; f32[3]; f32[2,3]",
        "f32[2,1]; f32[1,3]; f32[2,3]",
        "f32[]; f32[4,5]; f32[4,5]",
        "f32[batch,1,28]; f32[8,1]; f32[batch,8,28]",
        "f32[batch,10]; f32[1,10]; f32[batch,10]",
        "f32[1]; f32[batch]; f32[batch]",
        "f32[batch,3]; f32[batch,3]; f32[batch,3]",
        "f32[batch,3]; f32[?,3]; f32[batch,3]",
        "f32[?,3]; f32[5,3]; f32[5,3]",
        "f32[batch,3]; f32[n,3]; f32[batch,3]",
        "f32[*]; f32[3]; f32[*]",
        "i64[4,1,2]; i64[3,1]; i64[4,3,2]",
    })
    void broadcasting(String a, String b, String out) {
        assertEquals(out, type(Op.ADD, a, b));
    }

    @Test
    void broadcastingMismatchFails() {
        fails("do not broadcast", Op.MUL, Map.of(), "f32[2,3]", "f32[4]");
        fails("do not broadcast", Op.SUB, Map.of(), "f32[batch,2]", "f32[batch,3]");
    }

    @ParameterizedTest(name = "{0} @ {1} = {2}")
    @CsvSource(delimiter = ';', value = {
        "f32[2,3]; f32[3,4]; f32[2,4]",
        "f32[batch,2,3]; f32[3,4]; f32[batch,2,4]",
        "f32[5,1,2,3]; f32[7,3,4]; f32[5,7,2,4]",
        "f32[batch,1,2,3]; f32[heads,3,4]; f32[batch,heads,2,4]",
        "f32[batch,seq,64]; f32[batch,64,seq]; f32[batch,seq,seq]",
        "f32[2,?]; f32[3,4]; f32[2,4]",
        "f32[*]; f32[3,4]; f32[*]",
    })
    void matmulBroadcastsBatchDims(String a, String b, String out) {
        assertEquals(out, type(Op.MATMUL, a, b));
    }

    @Test
    void matmulChecksInnerDims() {
        fails("inner dimensions differ", Op.MATMUL, Map.of(), "f32[2,3]", "f32[4,5]");
        fails("do not broadcast", Op.MATMUL, Map.of(), "f32[2,2,3]", "f32[3,3,4]");
        fails("rank >= 2", Op.MATMUL, Map.of(), "f32[3]", "f32[3,4]");
    }

    private static Map<String, Object> conv(long[] strides, long[] pads, long[] dil, long group) {
        return Map.of("strides", strides, "pads", pads, "dilations", dil, "group", group);
    }

    @Test
    void convOutputSizes() {
        long[] one = {1, 1};
        assertEquals("f32[batch,8,28,28]", type(Op.CONV, conv(one, new long[] {1, 1, 1, 1}, one, 1),
                "f32[batch,1,28,28]", "f32[8,1,3,3]"));
        assertEquals("f32[batch,8,26,26]", type(Op.CONV, conv(one, new long[4], one, 1),
                "f32[batch,1,28,28]", "f32[8,1,3,3]"));
        // (224 + 3 + 3 - 7) / 2 + 1 = 112
        assertEquals("f32[1,64,112,112]", type(Op.CONV, conv(new long[] {2, 2}, new long[] {3, 3, 3, 3}, one, 1),
                "f32[1,3,224,224]", "f32[64,3,7,7]"));
        // asymmetric pads (TF SAME with stride 2 on an even size): (28 + 0 + 1 - 3) / 2 + 1 = 14
        assertEquals("f32[1,4,14,14]", type(Op.CONV, conv(new long[] {2, 2}, new long[] {0, 0, 1, 1}, one, 1),
                "f32[1,4,28,28]", "f32[4,4,3,3]"));
        // dilation 2 makes a 3x3 kernel span 5: (20 - 5) / 1 + 1 = 16; stride 3, dilation 1: (20 - 3) / 3 + 1 = 6
        assertEquals("f32[1,2,16,6]", type(Op.CONV, conv(new long[] {1, 3}, new long[4], new long[] {2, 1}, 1),
                "f32[1,4,20,20]", "f32[2,4,3,3]"));
        // depthwise: 8 groups of one channel, weight [8,1,3,3]
        assertEquals("f32[n,8,?,5]", type(Op.CONV, conv(one, new long[] {1, 1, 1, 1}, one, 8),
                "f32[n,8,h,5]", "f32[8,1,3,3]"));
        // 1-D conv and a bias
        assertEquals("f32[2,6,8]", type(Op.CONV, Map.of("strides", List.of(1), "pads", List.of(0, 0),
                "dilations", List.of(1)), "f32[2,3,10]", "f32[6,3,3]", "f32[6]"));
    }

    @Test
    void convErrors() {
        long[] one = {1, 1};
        fails("channels", Op.CONV, conv(one, new long[4], one, 1), "f32[1,3,8,8]", "f32[4,2,3,3]");
        fails("channels", Op.CONV, conv(one, new long[4], one, 2), "f32[1,3,8,8]", "f32[4,3,3,3]");
        fails("does not fit", Op.CONV, conv(one, new long[4], one, 1), "f32[1,3,2,2]", "f32[4,3,3,3]");
        // (3 - 5) / 3 rounds toward zero to 0 and would claim one output: the window does not fit
        fails("does not fit", Op.CONV, conv(new long[] {3, 3}, new long[4], one, 1), "f32[1,3,3,3]", "f32[4,3,5,5]");
        fails("spatial dims", Op.CONV, conv(one, new long[2], one, 1), "f32[1,3,8,8]", "f32[4,3,3,3]");
        fails("bias", Op.CONV, conv(one, new long[4], one, 1), "f32[1,3,8,8]", "f32[4,3,3,3]", "f32[5]");
        fails("positive", Op.CONV, conv(new long[] {0, 1}, new long[4], one, 1), "f32[1,3,8,8]", "f32[4,3,3,3]");
    }

    @Test
    void poolOutputSizes() {
        Map<String, Object> k2s2 = Map.of("kernel_shape", List.of(2, 2), "strides", List.of(2, 2),
                "pads", List.of(0, 0, 0, 0));
        assertEquals("f32[batch,8,14,14]", type(Op.MAX_POOL, k2s2, "f32[batch,8,28,28]"));
        assertEquals("f32[batch,8,3,3]", type(Op.MAX_POOL, k2s2, "f32[batch,8,7,7]"));
        assertEquals("f32[1,3,4,4]", type(Op.AVERAGE_POOL, Map.of("kernel_shape", List.of(3, 3),
                "strides", List.of(2, 2), "pads", List.of(1, 1, 1, 1)), "f32[1,3,7,7]"));
        assertEquals("f32[1,3,?,4]", type(Op.MAX_POOL, k2s2, "f32[1,3,h,8]"));
        fails("kernel_shape", Op.MAX_POOL, Map.of("kernel_shape", List.of(2), "strides", List.of(2, 2),
                "pads", List.of(0, 0, 0, 0)), "f32[1,3,4,4]");
    }

    @Test
    void reshapeWithMinusOne() {
        Value x = input(g, "x", "f32[2,3,4]");
        assertEquals("f32[6,4]", node(g, Op.RESHAPE, x, constI64(-1, 4)).type().toString());
        assertEquals("f32[2,12]", node(g, Op.RESHAPE, x, constI64(2, -1)).type().toString());
        assertEquals("f32[24]", node(g, Op.RESHAPE, x, constI64(-1)).type().toString());
        assertEquals("f32[1,24,1]", node(g, Op.RESHAPE, x, constI64(1, -1, 1)).type().toString());
        assertThrows(IllegalArgumentException.class, () -> node(g, Op.RESHAPE, x, constI64(5, -1)));
        assertThrows(IllegalArgumentException.class, () -> node(g, Op.RESHAPE, x, constI64(-1, -1)));
        assertThrows(IllegalArgumentException.class, () -> node(g, Op.RESHAPE, x, constI64(5, 5)));
    }

    @Test
    void reshapeKeepsTheBatchSymbol() {
        Value x = input(g, "x", "f32[batch,28,28,1]");
        Value flat = node(g, Op.RESHAPE, x, constI64(-1, 784));
        assertEquals("f32[batch,784]", flat.type().toString());
        assertEquals("f32[batch,28,28]", node(g, Op.RESHAPE, flat, constI64(-1, 28, 28)).type().toString());
        // the -1 covers batch*2 here, which no single symbol names
        assertEquals("f32[?,392]", node(g, Op.RESHAPE, x, constI64(-1, 392)).type().toString());
        Value two = input(g, "y", "f32[a,b,4]");
        assertEquals("f32[?,4]", node(g, Op.RESHAPE, two, constI64(-1, 4)).type().toString());
    }

    @Test
    void reshapeToAComputedShape() {
        Value x = input(g, "x", "f32[batch,4]");
        Value s = input(g, "s", "i64[3]");
        assertEquals("f32[?,?,?]", node(g, Op.RESHAPE, x, s).type().toString());
        Value u = input(g, "u", "i64[?]");
        assertEquals("f32[*]", node(g, Op.RESHAPE, x, u).type().toString());
    }

    @Test
    void reshapeToAShapeBuiltFromShapes() {
        // tensordot: the target is gather(shape(a), free axes) ++ gather(shape(b), free axes), known but for batch
        Value a = input(g, "a", "f32[batch,3,4]");
        Value b = input(g, "b", "f32[4,5]");
        Value y = input(g, "y", "f32[?,5]");
        Value front = node(g, Op.GATHER, Map.of("axis", 0L), node(g, Op.SHAPE, a), constI64(0, 1));
        Value back = node(g, Op.SLICE, Map.of("starts", List.of(1), "ends", List.of(Long.MAX_VALUE), "axes", List.of(0),
                "steps", List.of(1)), node(g, Op.SHAPE, b));
        Value target = node(g, Op.CONCAT, Map.of("axis", 0L), front, back);
        assertEquals("f32[batch,3,5]", node(g, Op.RESHAPE, y, target).type().toString());
        Value area = node(g, Op.REDUCE_PROD, Map.of("axes", List.of(0)), node(g, Op.SHAPE, b));
        Value flat = node(g, Op.CONCAT, Map.of("axis", 0L), constI64(-1),
                node(g, Op.UNSQUEEZE, Map.of("axes", List.of(0)), node(g, Op.MUL, area, g.constant(TensorValues.scalar(DType.I64, 2)))));
        assertEquals("f32[?,40]", node(g, Op.RESHAPE, y, flat).type().toString());
        assertEquals("f32[batch,3,5]", node(g, Op.EXPAND, input(g, "one", "f32[3,1]"), target).type().toString());
    }

    @Test
    void dataDependentResults() {
        assertEquals("i64[3,?]", type(Op.NON_ZERO, "f32[batch,4,2]"));
        assertEquals("i64[?,?]", type(Op.NON_ZERO, "bool[*]"));
        Value x = input(g, "x", "f32[2,3]");
        List<Value> u = g.add(Op.UNIQUE, List.of(x), Map.of("sorted", false), SourceRef.NONE, "u").outputs();
        assertEquals("f32[?] i64[?] i64[6] i64[?]", String.join(" ", u.stream().map(v -> v.type().toString()).toList()));
        assertEquals("f32[batch,4]", type(Op.SCATTER_ND, Map.of("reduction", "add"), "f32[batch,4]", "i32[7,1]", "f32[7,4]"));
        fails("reduction", Op.SCATTER_ND, Map.of("reduction", "sum"), "f32[5]", "i64[2,1]", "f32[2]");
        fails("static last dim", Op.SCATTER_ND, Map.of(), "f32[5]", "i64[2,?]", "f32[2]");
        fails("exceeds the rank", Op.SCATTER_ND, Map.of(), "f32[5]", "i64[2,2]", "f32[2]");
        fails("dtype", Op.SCATTER_ND, Map.of(), "f32[5]", "i64[2,1]", "f64[2]");
    }

    @Test
    void expand() {
        Value x = input(g, "x", "f32[3,1]");
        assertEquals("f32[2,3,4]", node(g, Op.EXPAND, x, constI64(2, 1, 4)).type().toString());
        assertEquals("f32[3,5]", node(g, Op.EXPAND, x, constI64(5)).type().toString());
        assertEquals("f32[?,?,?]", node(g, Op.EXPAND, x, input(g, "s", "i64[3]")).type().toString());
    }

    @Test
    void concat() {
        assertEquals("f32[2,7,4]", type(Op.CONCAT, Map.of("axis", 1), "f32[2,3,4]", "f32[2,4,4]"));
        assertEquals("f32[2,3,9]", type(Op.CONCAT, Map.of("axis", -1), "f32[2,3,4]", "f32[2,3,5]"));
        assertEquals("f32[?,3]", type(Op.CONCAT, Map.of("axis", 0), "f32[batch,3]", "f32[2,3]"));
        assertEquals("f32[batch,6]", type(Op.CONCAT, Map.of("axis", 1), "f32[batch,3]", "f32[batch,3]"));
        assertEquals("i64[5]", type(Op.CONCAT, Map.of("axis", 0), "i64[1]", "i64[1]", "i64[3]"));
        fails("differ in rank", Op.CONCAT, Map.of("axis", 0), "f32[2,3]", "f32[3]");
        fails("out of range", Op.CONCAT, Map.of("axis", 2), "f32[2,3]", "f32[2,3]");
    }

    @Test
    void squeezeAndUnsqueeze() {
        assertEquals("f32[3,4]", type(Op.SQUEEZE, Map.of("axes", List.of(0, 2)), "f32[1,3,1,4]"));
        assertEquals("f32[3,4]", type(Op.SQUEEZE, Map.of("axes", List.of()), "f32[1,3,1,4]"));
        assertEquals("f32[1,3,4]", type(Op.SQUEEZE, Map.of("axes", List.of(-2)), "f32[1,3,1,4]"));
        assertEquals("f32[n,4]", type(Op.SQUEEZE, Map.of("axes", List.of(1)), "f32[n,1,4]"));
        fails("cannot squeeze", Op.SQUEEZE, Map.of("axes", List.of(1)), "f32[1,3]");
        assertEquals("f32[1,3,1,4]", type(Op.UNSQUEEZE, Map.of("axes", List.of(0, 2)), "f32[3,4]"));
        assertEquals("f32[3,4,1]", type(Op.UNSQUEEZE, Map.of("axes", List.of(-1)), "f32[3,4]"));
        assertEquals("f32[batch,1,8]", type(Op.UNSQUEEZE, Map.of("axes", List.of(1)), "f32[batch,8]"));
        fails("given twice", Op.UNSQUEEZE, Map.of("axes", List.of(0, 0)), "f32[3]");
        fails("out of range", Op.UNSQUEEZE, Map.of("axes", List.of(3)), "f32[3]");
    }

    private String slice(String in, long[] starts, long[] ends, long[] axes, long[] steps) {
        return type(Op.SLICE, Map.of("starts", starts, "ends", ends, "axes", axes, "steps", steps), in);
    }

    private static long[] l(long... v) { return v; }

    @Test
    void sliceLengthsFollowOnnxClamping() {
        assertEquals("f32[3,10]", slice("f32[10,10]", l(2), l(5), l(0), l(1)));
        assertEquals("f32[10,2]", slice("f32[10,10]", l(-3), l(-1), l(1), l(1)));
        assertEquals("f32[5,10]", slice("f32[10,10]", l(1), l(1L << 40), l(0), l(2)));
        assertEquals("f32[10,10]", slice("f32[10,10]", l(-100), l(100), l(0), l(1)));
        assertEquals("f32[0,10]", slice("f32[10,10]", l(5), l(2), l(0), l(1)));
        // reversal: start clamps to dim-1, end -dim-1 clamps to -1, so all ten come back
        assertEquals("f32[10,10]", slice("f32[10,10]", l(Long.MAX_VALUE), l(Long.MIN_VALUE), l(0), l(-1)));
        assertEquals("f32[10,10]", slice("f32[10,10]", l(-1), l(-11), l(0), l(-1)));
        assertEquals("f32[5,10]", slice("f32[10,10]", l(9), l(-100), l(0), l(-2)));
        assertEquals("f32[2,10]", slice("f32[10,10]", l(8), l(5), l(0), l(-2)));
        // a start far before the beginning clamps to 0 going backward (not -1): element 0 is taken
        assertEquals("f32[1,10]", slice("f32[10,10]", l(-100), l(Long.MIN_VALUE), l(0), l(-1)));
        assertEquals("f32[0,10]", slice("f32[0,10]", l(-1), l(Long.MIN_VALUE), l(0), l(-1)));
        assertEquals("f32[2,3,4]", slice("f32[4,6,4]", l(0, 1), l(2, 6), l(0, -2), l(1, 2)));
    }

    @Test
    void sliceOfSymbolicDims() {
        assertEquals("f32[?,3]", slice("f32[batch,10]", l(1, 0), l(5, 3), l(0, 1), l(1, 1)));
        assertEquals("f32[batch,3]", slice("f32[batch,10]", l(0, 0), l(Integer.MAX_VALUE, 3), l(0, 1), l(1, 1)));
    }

    @Test
    void sliceErrors() {
        fails("step 0", Op.SLICE, Map.of("starts", l(0), "ends", l(1), "axes", l(0), "steps", l(0)), "f32[3]");
        fails("differ in length", Op.SLICE, Map.of("starts", l(0, 1), "ends", l(1), "axes", l(0), "steps", l(1)),
                "f32[3]");
    }

    @Test
    void pad() {
        assertEquals("f32[1,5,7,3]", type(Op.PAD, Map.of("pads", List.of(0, 1, 2, 0, 0, 1, 3, 0)), "f32[1,3,2,3]"));
        assertEquals("f32[batch,?]", type(Op.PAD, Map.of("pads", List.of(0, 1, 0, 1)), "f32[batch,n]"));
        // negative pads crop, as in ONNX
        assertEquals("f32[2,1]", type(Op.PAD, Map.of("pads", List.of(0, -1, 0, -1)), "f32[2,3]"));
        fails("needs 4 entries", Op.PAD, Map.of("pads", List.of(1, 1)), "f32[2,3]");
    }

    @Test
    void reduceWithAndWithoutKeepdims() {
        assertEquals("f32[batch,1,1,8]", type(Op.REDUCE_MEAN, Map.of("axes", List.of(1, 2), "keepdims", true),
                "f32[batch,7,7,8]"));
        assertEquals("f32[batch,8]", type(Op.REDUCE_MEAN, Map.of("axes", List.of(1, 2)), "f32[batch,7,7,8]"));
        assertEquals("f32[batch,7]", type(Op.REDUCE_MAX, Map.of("axes", List.of(-1)), "f32[batch,7,8]"));
        assertEquals("f32[]", type(Op.REDUCE_SUM, Map.of("axes", List.of()), "f32[2,3]"));
        assertEquals("f32[1,1]", type(Op.REDUCE_SUM, Map.of("axes", List.of(), "keepdims", true), "f32[2,3]"));
        fails("out of range", Op.REDUCE_SUM, Map.of("axes", List.of(2)), "f32[2,3]");
    }

    @Test
    void transposeShapeAndMisc() {
        assertEquals("f32[batch,1,28,28]", type(Op.TRANSPOSE, Map.of("perm", List.of(0, 3, 1, 2)), "f32[batch,28,28,1]"));
        fails("bad perm", Op.TRANSPOSE, Map.of("perm", List.of(0, 0)), "f32[2,3]");
        fails("perm of 3", Op.TRANSPOSE, Map.of("perm", List.of(0, 1, 2)), "f32[2,3]");
        assertEquals("i64[4]", type(Op.SHAPE, "f32[batch,28,28,1]"));
        assertEquals("i64[?]", type(Op.SHAPE, "f32[*]"));
        assertEquals("f16[batch,3]", type(Op.CAST, Map.of("to", DType.F16), "i32[batch,3]"));
        assertEquals("f32[batch,10]", type(Op.SOFTMAX, "f32[batch,10]"));
        assertEquals("f32[2,3]", type(Op.CLIP, Map.of("min", 0, "max", 6), "f32[2,3]"));
    }

    @Test
    void failedInferenceLeavesNoUseBehind() {
        Value x = input(g, "x", "f32[2,3]");
        Value y = input(g, "y", "f32[4]");
        assertThrows(IllegalArgumentException.class, () -> node(g, Op.ADD, x, y));
        assertEquals(List.of(), x.uses());
        assertEquals(List.of(), y.uses());
        assertEquals(List.of(), g.nodes());
        Verifier.verify(g);
    }
}
