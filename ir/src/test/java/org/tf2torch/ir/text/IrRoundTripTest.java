package org.tf2torch.ir.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tf2torch.ir.AttrKind;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.DenseTensor;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.IrTesting;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorType;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

class IrRoundTripTest {
    private static void assertRoundTrip(String text) {
        Graph g = IrTesting.parse(text);
        assertEquals(text, IrPrinter.print(g));
        assertTrue(IrPrinter.roundTrips(g));
    }

    @Test
    void cnnWithSourceCommentsAndParameters() {
        assertRoundTrip("""
                graph @cnn {
                  input %input : f32[batch,28,28,1] = "input"
                  weight "conv1/kernel" : f32[8,1,3,3]
                  buffer "bn/moving_mean" : f32[8]
                  %w0 = param() {name="conv1/kernel"} : f32[8,1,3,3]
                  %m = param() {name="bn/moving_mean"} : f32[8]
                  %t0 = transpose(%input) {perm=[0,3,1,2]} : f32[batch,1,28,28]  # tf "conv1/Conv2D" "Conv2D"
                  %c0 = conv(%t0, %w0, %m) {strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1} : f32[batch,8,28,28]  # tf "conv1/Conv2D" "Conv2D" "__inference_call_1234"
                  %r = relu(%c0) : f32[batch,8,28,28]
                  return "probs" = %r, "features" = %c0
                }
                """);
    }

    @Test
    void parametersKeepTheirObjectPath() {
        String text = """
                graph @keras {
                  input %x : f32[batch,5] = "x"
                  weight "dense/kernel" : f32[5,3] at ["functional_1", "dense", "kernel"]
                  buffer "bn/moving_mean" : f32[3] at ["bn", "moving_mean"]
                  weight "flat" : f32[3]
                  %w = param() {name="dense/kernel"} : f32[5,3]
                  %y = matmul(%x, %w) : f32[batch,3]
                  return "y" = %y
                }
                """;
        assertRoundTrip(text);
        Graph g = IrTesting.parse(text);
        assertEquals(List.of("functional_1", "dense", "kernel"), g.params().get("dense/kernel").path());
        assertFalse(g.params().get("flat").hasPath());
    }

    @Test
    void quotesNewlinesAndUnicodeInKeysAndNames() {
        // the IR text below holds the escapes themselves: \\" is \" in the text, \\n is \n
        String text = """
                graph @"my-model v2" {
                  input %x : f32[2] = "in \\"put\\"\\nline2 \\\\ tab\\t cr\\r ctl\\u0001 del\\u007f é ✓ 漢字"
                  weight "dense/kernel:0 \\"q\\"\\n é" : f32[2,2]
                  %w = param() {name="dense/kernel:0 \\"q\\"\\n é"} : f32[2,2]
                  %y = matmul(%w, %w) : f32[2,2]  # tf "a\\"b\\nc" "MatMul" "fn ✓"
                  return "out\\n\\"1\\"" = %y, "x" = %x
                }
                """;
        assertRoundTrip(text);
        Graph g = IrParser.parse(text);
        assertEquals("my-model v2", g.name());
        assertEquals("in \"put\"\nline2 \\ tab\t cr\r ctl\u0001 del\u007f é ✓ 漢字", g.inputKeys().get(0));
        assertTrue(g.params().containsKey("dense/kernel:0 \"q\"\n é"));
        Node mm = g.nodes().get(1);
        assertEquals(new SourceRef("a\"b\nc", "MatMul", "fn ✓"), mm.source());
        assertEquals(List.of("out\n\"1\"", "x"), List.copyOf(g.outputs().keySet()));
    }

    @Test
    void everyAttrKindThroughOps() {
        assertRoundTrip("""
                graph @attrs {
                  input %x : f32[1,3,4,4] = "x"
                  input %i : i64[4] = "i"
                  %a = elu(%x) {alpha=0.5} : f32[1,3,4,4]
                  %b = clip(%a) {min=-inf, max=6.0} : f32[1,3,4,4]
                  %c = softmax(%b) {axis=-3} : f32[1,3,4,4]
                  %d = avg_pool(%c) {kernel_shape=[2,2], strides=[2,2], pads=[0,0,0,0], count_include_pad=true} : f32[1,3,2,2]
                  %e = reduce_mean(%d) {axes=[2,3], keepdims=true} : f32[1,3,1,1]
                  %f = pad(%x) {pads=[0,0,1,1,0,0,1,1], mode="reflect", value=0.0} : f32[1,3,6,6]
                  %g = cast(%i) {to=f16} : f16[4]
                  %h = batch_norm(%x, %e, %e, %e, %e) {epsilon=0.001} : f32[1,3,4,4]
                  %k = const() {value=dense<f32[2]>[nan,-inf]} : f32[2]
                  return "a" = %f, "b" = %g, "c" = %h, "d" = %k
                }
                """);
    }

    @Test
    void floatAttributesFromTfFloatsPrintShort() {
        // TF stores epsilon as a float; the text shows 0.001, and the text (not the double) round-trips
        Graph g = new Graph("g");
        Value x = g.addInput("x", TensorType.parse("f32[1,2]"), "x");
        g.setOutput("y", g.add(Op.ELU, List.of(x), Map.of("alpha", 0.001f), SourceRef.NONE, "y").output());
        String text = IrPrinter.print(g);
        assertTrue(text.contains("{alpha=0.001}"), text);
        assertEquals(text, IrPrinter.print(IrParser.parse(text)));
    }

    @Test
    void floatsKindHasNoOpYetButPrintsAndParses() {
        // no op of the closed set takes FLOATS today; keep its text form working for the one that will
        double[] v = {1.5, -0.25, Double.NaN, Double.POSITIVE_INFINITY, 0.1};
        String text = IrPrinter.attrValue(AttrKind.FLOATS.coerce(v));
        assertEquals("[1.5,-0.25,nan,inf,0.1]", text);
        assertArrayEquals(v, (double[]) IrParser.attrValue(new Cursor(text, 1), AttrKind.FLOATS));
        assertArrayEquals(new double[0], (double[]) IrParser.attrValue(new Cursor("[]", 1), AttrKind.FLOATS));
    }

    @Test
    void denseConstantsOfEveryDType() {
        assertRoundTrip("""
                graph @consts {
                  %b = const() {value=dense<bool[3]>[1,0,1]} : bool[3]
                  %u = const() {value=dense<u8[3]>[0,128,255]} : u8[3]
                  %i8 = const() {value=dense<i8[2]>[-128,127]} : i8[2]
                  %i16 = const() {value=dense<i16[2]>[-32768,32767]} : i16[2]
                  %i32 = const() {value=dense<i32[2,2]>[-2147483648,2147483647,0,-1]} : i32[2,2]
                  %i64 = const() {value=dense<i64[2]>[-9223372036854775808,9223372036854775807]} : i64[2]
                  %h = const() {value=dense<f16[6]>[0.5,-2.0,65504.0,6.1035156E-5,5.9604645E-8,-inf]} : f16[6]
                  %bf = const() {value=dense<bf16[4]>[1.0,-3.0,1.0078125,3.3895314E38]} : bf16[4]
                  %f = const() {value=dense<f32[7]>[1.0,-0.0,0.1,1.4E-45,3.4028235E38,nan,inf]} : f32[7]
                  %d = const() {value=dense<f64[4]>[0.1,0.10000000149011612,1.0E-300,-inf]} : f64[4]
                  %s = const() {value=dense<f32[]>[2.5]} : f32[]
                  %z = const() {value=dense<i64[0]>[]} : i64[0]
                  %m = const() {value=dense<i64[2,0]>[]} : i64[2,0]
                  return "b" = %b, "u" = %u, "i8" = %i8, "i16" = %i16, "i32" = %i32, "i64" = %i64, "h" = %h, "bf" = %bf, "f" = %f, "d" = %d, "s" = %s, "z" = %z, "m" = %m
                }
                """);
    }

    @Test
    void f64ConstantsKeepEveryBit() {
        Graph g = new Graph("g");
        double[] v = {0.1, (double) 0.1f, Math.PI, Double.MIN_VALUE, -0.0};
        Value c = g.constant(TensorValues.ofDoubles(DType.F64, Shape.of(5), v));
        g.setOutput("c", c);
        Graph back = IrParser.parse(IrPrinter.print(g));
        double[] got = TensorValues.toDoubles(back.outputs().get("c").constantValue());
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(got[i]), "element " + i);
        }
    }

    @Test
    void parsedConstantsHoldTheirValues() {
        Graph g = IrTesting.parse("""
                graph @g {
                  %a = const() {value=dense<u8[2]>[255,1]} : u8[2]
                  %b = const() {value=dense<f16[2]>[nan,-0.5]} : f16[2]
                  return "a" = %a, "b" = %b
                }
                """);
        ByteBuffer a = g.outputs().get("a").constantValue().readUnchecked();
        assertEquals((byte) 0xff, a.get(0));
        ByteBuffer b = g.outputs().get("b").constantValue().readUnchecked().order(ByteOrder.LITTLE_ENDIAN);
        assertTrue(Float.isNaN(TensorValues.halfToFloat(b.getShort(0))));
        assertEquals((short) 0xb800, b.getShort(2));
    }

    @Test
    void largeConstantsAreElidedAndSaySo() {
        Graph g = new Graph("big");
        Value c = g.constant(TensorValues.ofFloats(Shape.of(65), new float[65]));
        g.setOutput("c", c);
        String text = IrPrinter.print(g);
        assertTrue(text.contains("%c = const() {value=dense<f32[65]>...} : f32[65]"), text);
        assertFalse(IrPrinter.roundTrips(g));
        IrTesting.parseError(text, "line 2", "elided");
    }

    @Test
    void graphBuiltInJavaPrintsDeterministically() {
        Graph g = new Graph("built");
        Value x = g.addInput("serving_default/x:0", TensorType.parse("f32[batch,4]"), "x");
        Value s = g.add(Op.SHAPE, List.of(x), Map.of(), new SourceRef("Shape", "Shape", ""), "shape").output();
        Value y = g.add(Op.MUL, List.of(x, x), Map.of(), SourceRef.NONE, "mul").output();
        g.setOutput("y", y);
        g.setOutput("s", s);
        String expected = """
                graph @built {
                  input %x : f32[batch,4] = "serving_default/x:0"
                  %shape = shape(%x) : i64[2]  # tf "Shape" "Shape"
                  %mul = mul(%x, %x) : f32[batch,4]
                  return "y" = %mul, "s" = %shape
                }
                """;
        assertEquals(expected, IrPrinter.print(g));
        assertEquals(expected, IrPrinter.print(IrTesting.parse(expected)));
    }

    @Test
    void emptyGraphAndCommentLines() {
        String text = """
                graph @empty {
                  return
                }
                """;
        assertRoundTrip(text);
        Graph g = IrTesting.parse("""
                // a comment before the graph

                graph @empty {
                  // and one inside
                  return
                }
                """);
        assertEquals(text, IrPrinter.print(g));
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32[*]", "f32[]", "i64[?,3]", "bool[n,m,?]", "bf16[0]"})
    void typesOfEveryShapeKind(String type) {
        assertRoundTrip("graph @t {\n  input %x : " + type + " = \"x\"\n  %y = identity(%x) : " + type
                + "\n  return \"y\" = %y\n}\n");
    }

    @Test
    void parameterDataIsZerosOfTheDeclaredType() {
        Graph g = IrTesting.parse("""
                graph @p {
                  weight "w" : bf16[2,3]
                  buffer "b" : i32[]
                  return
                }
                """);
        Tensor w = g.params().get("w").data();
        assertEquals(TensorType.parse("bf16[2,3]"), w.type());
        assertArrayEquals(new double[6], TensorValues.toDoubles(w));
        assertTrue(g.params().get("w").trainable());
        assertFalse(g.params().get("b").trainable());
        assertTrue(w instanceof DenseTensor);
    }
}
