package org.tf2torch.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttrsTest {
    @Test
    void defaultsAreFilledInSchemaOrder() {
        Attrs a = Attrs.validate(Op.CONV, Map.of("pads", List.of(0, 0, 0, 0), "dilations", new int[] {1, 1},
                "strides", new long[] {2, 2}));
        assertEquals(List.of("strides", "pads", "dilations", "group"), List.copyOf(a.asMap().keySet()));
        assertEquals(1L, a.i("group"));
        assertArrayEquals(new long[] {2, 2}, a.ints("strides"));
        assertArrayEquals(new int[] {1, 1}, a.intArray("dilations"));
        Attrs p = Attrs.validate(Op.PAD, Map.of("pads", List.of(1, 1)));
        assertEquals("constant", p.s("mode"));
        assertEquals(0.0, p.f("value"));
        assertFalse(Attrs.validate(Op.REDUCE_SUM, Map.of("axes", List.of())).b("keepdims"));
        assertEquals(1e-5, Attrs.validate(Op.BATCH_NORMALIZATION, Map.of()).f("epsilon"));
    }

    @Test
    void schemaViolationsAreNamed() {
        assertEquals("relu has no attribute 'alpha'", assertThrows(IllegalArgumentException.class,
                () -> Attrs.validate(Op.RELU, Map.of("alpha", 1.0))).getMessage());
        assertEquals("transpose needs attribute 'perm'", assertThrows(IllegalArgumentException.class,
                () -> Attrs.validate(Op.TRANSPOSE, Map.of())).getMessage());
        assertEquals("attribute of kind INT cannot hold Double", assertThrows(IllegalArgumentException.class,
                () -> Attrs.validate(Op.SOFTMAX, Map.of("axis", 1.5))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Attrs.validate(Op.CAST, Map.of("to", "f32")));
        assertThrows(IllegalArgumentException.class, () -> Attrs.validate(Op.CONSTANT, Map.of("value", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> Attrs.validate(Op.REDUCE_MAX, Map.of("axes", List.of(),
                "keepdims", 1)));
        assertThrows(IllegalArgumentException.class, () -> Attrs.validate(Op.PARAM, Map.of("name", 'c')));
    }

    @Test
    void everyKindCoercesItsConvenientForms() {
        assertEquals(3L, AttrKind.INT.coerce(3));
        assertEquals(3L, AttrKind.INT.coerce((short) 3));
        assertEquals(0.5, AttrKind.FLOAT.coerce(0.5f));
        assertEquals(2.0, AttrKind.FLOAT.coerce(2L));
        assertEquals(true, AttrKind.BOOL.coerce(true));
        assertEquals("s", AttrKind.STRING.coerce("s"));
        assertArrayEquals(new long[] {1, -2}, (long[]) AttrKind.INTS.coerce(new int[] {1, -2}));
        assertArrayEquals(new long[] {1, -2}, (long[]) AttrKind.INTS.coerce(List.of(1, -2L)));
        assertArrayEquals(new double[] {0.5}, (double[]) AttrKind.FLOATS.coerce(new float[] {0.5f}));
        assertEquals(DType.BF16, AttrKind.DTYPE.coerce(DType.BF16));
        Tensor t = TensorValues.i64Vector(1);
        assertEquals(t, AttrKind.TENSOR.coerce(t));
        long[] mine = {1};
        assertTrue(mine != AttrKind.INTS.coerce(mine), "arrays are copied");
        assertThrows(IllegalArgumentException.class, () -> AttrKind.INT.coerce(null));
    }

    @Test
    void readersGetCopies() {
        Attrs a = Attrs.validate(Op.TRANSPOSE, Map.of("perm", List.of(1, 0)));
        a.ints("perm")[0] = 7;
        assertArrayEquals(new long[] {1, 0}, a.ints("perm"));
        assertThrows(IllegalArgumentException.class, () -> a.get("nope"));
    }

    @Test
    void opTable() {
        for (Op op : Op.values()) {
            assertEquals(op, Op.fromTextName(op.textName()));
            int expected = expectedOutputs(op);
            assertEquals(expected, op.numOutputs(), op.toString());
            assertFalse(op.isElementwiseUnary() && op.isElementwiseBinary(), op.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> Op.fromTextName("Conv2D"));
        assertEquals(-1, Op.CONCAT.maxInputs());
        assertTrue(Op.ADD.isElementwiseBinary());
        assertTrue(Op.CAST.isElementwiseUnary());
        assertFalse(Op.SOFTMAX.isElementwiseUnary());
        assertEquals(3, Op.SPLIT.numOutputs(Attrs.validate(Op.SPLIT, Map.of("axis", 0L, "split", List.of(1, 2, 3)))));
    }

    /** Results per op, written out independently of {@link Op#numOutputs()}. */
    private static int expectedOutputs(Op op) {
        switch (op) {
            case SPLIT: case LOOP: return -1;
            case UNIQUE: return 4;
            case SVD: case NON_MAX_SUPPRESSION: case LSTM: return 3;
            case TOP_K: case SLOGDET: case LU: case GRU: return 2;
            default: return 1;
        }
    }
}
