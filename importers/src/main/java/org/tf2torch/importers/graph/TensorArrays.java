package org.tf2torch.importers.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.importers.ops.OpContext;
import org.tf2torch.importers.ops.TranslationException;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.passes.ConstantFolding;

/**
 * TF1 TensorArray ops (V3) on the dense representation of {@link TensorArrayState}: a write is a {@code where}
 * on a one-hot row mask, a read or gather is a {@code gather} on axis 0, scatter of the whole range replaces
 * the data, concat and split of equal-length pieces are reshapes. What needs elements of different shapes, or
 * an array that grows at an index only known at run time, is refused with the reason.
 */
final class TensorArrays {
    static final Set<String> OPS = Set.of("TensorArrayV3", "TensorArrayWriteV3", "TensorArrayReadV3",
            "TensorArrayGatherV3", "TensorArrayScatterV3", "TensorArraySizeV3", "TensorArrayConcatV3",
            "TensorArraySplitV3", "TensorArrayCloseV3");

    private TensorArrays() {}

    static List<TfValue> translate(NodeDef n, List<TfValue> in, Graph g, String function) {
        List<Value> vals = new ArrayList<>();
        for (TfValue v : in) vals.add(v.isValue() ? v.value() : null);
        OpContext c = new OpContext(n, vals, g, function);
        switch (n.getOp()) {
            case "TensorArrayV3": return create(c);
            case "TensorArrayWriteV3": return flow(write(c, state(c, in, 3), c.input(1), c.input(2)));
            case "TensorArrayReadV3": return List.of(TfValue.of(read(c, state(c, in, 2), c.input(1))));
            case "TensorArrayGatherV3": {
                TensorArrayState s = state(c, in, 2);
                return List.of(TfValue.of(c.add(Op.GATHER, List.of(data(c, s), c.input(1)), Map.of("axis", 0L))));
            }
            case "TensorArrayScatterV3": return flow(scatter(c, state(c, in, 3), c.input(2)));
            case "TensorArraySizeV3": return List.of(TfValue.of(size(c, state(c, in, 1))));
            case "TensorArrayConcatV3": return concat(c, state(c, in, 1));
            case "TensorArraySplitV3": return flow(split(c, state(c, in, 3), c.input(1)));
            case "TensorArrayCloseV3": return List.of();
            default: throw new TranslationException("not a TensorArray op");
        }
    }

    private static List<TfValue> flow(TensorArrayState s) { return List.of(TfValue.array(s)); }

    /** The array's state as of input {@code i}, the op's flow input. */
    private static TensorArrayState state(OpContext c, List<TfValue> in, int i) {
        if (!in.get(0).isArray() || i >= in.size() || !in.get(i).isArray() || in.get(i).array().handle()) {
            throw new TranslationException(c.op() + " needs a TensorArray handle and its flow value");
        }
        return in.get(i).array();
    }

    private static List<TfValue> create(OpContext c) {
        DType dt = c.attrType("dtype");
        Shape declared = TensorProtos.shape(c.attr("element_shape").getShape());
        Shape element = declared.isStatic() ? declared : null;
        boolean dynamic = c.attrBool("dynamic_size", false);
        Tensor n = constant(c, 0);
        long size = n == null ? -1 : TensorValues.toLongs(n)[0];
        TensorArrayState handle = new TensorArrayState(true, c.name(), dt, element, dynamic, size, null, null);
        Value data = element == null ? null : zeros(c, dt, size, c.input(0), element);
        TensorArrayState flow = new TensorArrayState(false, c.name(), dt, element, dynamic, size, data,
                data == null && size < 0 ? c.input(0) : null);
        return List.of(TfValue.array(handle), TfValue.array(flow));
    }

    private static TensorArrayState write(OpContext c, TensorArrayState s, Value index, Value v) {
        Shape element = elementOf(c, s, v.shape(), v.dtype());
        Value data = s.data() != null ? s.data() : zeros(c, s.dtype(), s.size(), s.sizeValue(), element);
        long size = s.size();
        Tensor ic = constant(c, 1);
        if (ic != null) {
            long k = TensorValues.toLongs(ic)[0];
            if (k < 0) throw new TranslationException("writes TensorArray index " + k);
            if (size >= 0 && k >= size) {
                if (!s.dynamic()) {
                    throw new TranslationException("writes index " + k + " of a TensorArray of size " + size);
                }
                data = c.add(Op.CONCAT, List.of(data, zeros(c, s.dtype(), k + 1 - size, null, element)),
                        Map.of("axis", 0L));
                size = k + 1;
            }
        } else if (s.dynamic()) {
            throw new TranslationException("writes a TensorArray with dynamic_size=true at an index computed at run "
                    + "time; the converted array cannot grow (give the TensorArray a fixed size)");
        }
        Value rows = c.add(Op.RANGE, List.of(c.scalar(DType.I32, 0), sizeOf(c, size, data), c.scalar(DType.I32, 1)),
                Map.of());
        Value mask = c.add(Op.EQUAL, rows, asI32(c, index));
        mask = rowMask(c, mask, element.rank());
        return s.withContents(c.add(Op.WHERE, mask, v, data), size, element);
    }

    private static Value read(OpContext c, TensorArrayState s, Value index) {
        Tensor ic = constant(c, 1);
        if (ic != null && s.size() >= 0) {
            long k = TensorValues.toLongs(ic)[0];
            if (k < 0 || k >= s.size()) {
                throw new TranslationException("reads index " + k + " of a TensorArray of size " + s.size());
            }
        }
        return c.add(Op.GATHER, List.of(data(c, s), index), Map.of("axis", 0L));
    }

    /** Scatter at constant indices: the full range in order replaces the data, any other set is masked in. */
    private static TensorArrayState scatter(OpContext c, TensorArrayState s, Value v) {
        Tensor ic = constant(c, 1);
        if (ic == null) throw new TranslationException("scatters at indices computed at run time; only constant indices are supported");
        long[] idx = TensorValues.toLongs(ic);
        Shape vs = v.shape();
        if (!vs.hasRank() || vs.rank() < 1) throw new TranslationException("scatters a value of shape " + vs);
        if (vs.dim(0).isStatic() && vs.dim(0).size() != idx.length) {
            throw new TranslationException("scatters " + vs.dim(0) + " rows at " + idx.length + " indices");
        }
        Shape element = elementOf(c, s, Shape.of(vs.dims().subList(1, vs.rank())), v.dtype());
        long size = s.size();
        long max = Arrays.stream(idx).max().orElse(-1);
        if (size < 0) throw new TranslationException("scatters into a TensorArray whose size is only known at run time");
        if (Arrays.stream(idx).anyMatch(k -> k < 0)) throw new TranslationException("scatters at a negative index");
        if (max >= size && !s.dynamic()) {
            throw new TranslationException("scatters at index " + max + " of a TensorArray of size " + size);
        }
        long newSize = Math.max(size, max + 1);
        boolean whole = idx.length == newSize;
        for (int j = 0; whole && j < idx.length; j++) whole = idx[j] == j;
        if (whole) return s.withContents(v, newSize, element);
        Value data = s.data() != null ? s.data() : zeros(c, s.dtype(), size, s.sizeValue(), element);
        if (newSize > size) {
            data = c.add(Op.CONCAT, List.of(data, zeros(c, s.dtype(), newSize - size, null, element)), Map.of("axis", 0L));
        }
        long[] pos = new long[(int) newSize];
        long[] hit = new long[(int) newSize];
        for (int j = 0; j < idx.length; j++) {
            pos[(int) idx[j]] = j;
            hit[(int) idx[j]] = 1;
        }
        Value rows = c.add(Op.GATHER, List.of(v, c.i64(pos)), Map.of("axis", 0L));
        Value mask = c.constant(TensorValues.ofLongs(DType.BOOL, Shape.of(newSize), hit));
        return s.withContents(c.add(Op.WHERE, rowMask(c, mask, element.rank()), rows, data), newSize, element);
    }

    /** TensorArrayConcatV3 → [value, lengths]: all elements share one shape, so concat is a reshape. */
    private static List<TfValue> concat(OpContext c, TensorArrayState s) {
        Value data = data(c, s);
        Shape e = s.element();
        if (e.rank() < 1 || s.size() < 0) {
            throw new TranslationException("concatenates a TensorArray of " + (s.size() < 0 ? "run-time size" : "scalars"));
        }
        long[] target = new long[e.rank()];
        target[0] = s.size() * e.dim(0).size();
        for (int i = 1; i < target.length; i++) target[i] = e.dim(i).size();
        Value value = c.add(Op.RESHAPE, data, c.i64(target));
        long[] lengths = new long[(int) s.size()];
        Arrays.fill(lengths, e.dim(0).size());
        return List.of(TfValue.of(value), TfValue.of(c.i64(lengths)));
    }

    /** TensorArraySplitV3 into equal lengths: a reshape to [pieces, length, ...]. */
    private static TensorArrayState split(OpContext c, TensorArrayState s, Value v) {
        Tensor lc = constant(c, 2);
        if (lc == null) throw new TranslationException("splits by lengths computed at run time; only constant lengths are supported");
        long[] lengths = TensorValues.toLongs(lc);
        if (Arrays.stream(lengths).distinct().count() > 1) {
            throw new TranslationException("splits into unequal lengths " + Arrays.toString(lengths) + "; elements of "
                    + "different shapes are not supported (the array is kept as one dense tensor)");
        }
        Shape vs = v.shape();
        if (!vs.isStatic() || vs.rank() < 1 || lengths.length == 0) {
            throw new TranslationException("splits a value of shape " + vs + " (a static shape of rank >= 1 is needed)");
        }
        long len = lengths[0];
        if (len * lengths.length != vs.dim(0).size()) {
            throw new TranslationException("split lengths " + Arrays.toString(lengths) + " do not cover " + vs.dim(0) + " rows");
        }
        long n = lengths.length;
        if (s.size() >= 0 && (s.dynamic() ? n < s.size() : n != s.size())) {
            throw new TranslationException("splits into " + n + " pieces a TensorArray of size " + s.size());
        }
        List<Dim> e = new ArrayList<>(vs.dims());
        e.set(0, Dim.of(len));
        Shape element = elementOf(c, s, Shape.of(e), v.dtype());
        long[] target = new long[vs.rank() + 1];
        target[0] = n;
        for (int i = 0; i < element.rank(); i++) target[i + 1] = element.dim(i).size();
        return s.withContents(c.add(Op.RESHAPE, v, c.i64(target)), n, element);
    }

    private static Value size(OpContext c, TensorArrayState s) {
        if (s.data() == null && s.size() < 0) return asI32(c, s.sizeValue());
        return sizeOf(c, s.size(), s.data());
    }

    /** The array's size as an i32 scalar: a constant when known, else read from the data's first dimension. */
    static Value sizeOf(OpContext c, long size, Value data) {
        if (size >= 0) return c.scalar(DType.I32, size);
        Value shape = c.add(Op.SHAPE, data);
        Value first = c.add(Op.GATHER, List.of(shape, c.constant(TensorValues.scalar(DType.I64, 0))), Map.of("axis", 0L));
        return asI32(c, first);
    }

    private static Value data(OpContext c, TensorArrayState s) {
        if (s.data() == null) {
            throw new TranslationException("reads TensorArray '" + s.name() + "' before anything was written to it "
                    + "and without a declared element shape");
        }
        return s.data();
    }

    /** The element shape after writing an element of shape {@code e}: the first write decides it. */
    private static Shape elementOf(OpContext c, TensorArrayState s, Shape e, DType dt) {
        if (dt != s.dtype()) throw new TranslationException("writes " + dt + " into a TensorArray of " + s.dtype());
        if (!e.isStatic()) {
            throw new TranslationException("writes an element of shape " + e + "; a static element shape is needed");
        }
        if (s.element() != null && !s.element().equals(e)) {
            throw new TranslationException("writes an element of shape " + e + " into a TensorArray of " + s.element()
                    + " elements; elements of different shapes are not supported (the array is one dense tensor)");
        }
        return e;
    }

    /** {@code [rows, *element]} zeros; {@code sizeValue} gives the row count when {@code rows} is -1. */
    private static Value zeros(OpContext c, DType dt, long rows, Value sizeValue, Shape element) {
        if (!element.isStatic()) throw new TranslationException("TensorArray element shape " + element + " is not static");
        long[] e = element.sizes();
        Value shape;
        if (rows >= 0) {
            long[] all = new long[e.length + 1];
            all[0] = rows;
            System.arraycopy(e, 0, all, 1, e.length);
            shape = c.i64(all);
        } else {
            if (sizeValue == null) throw new TranslationException("TensorArray size is not known");
            Value n = c.add(Op.UNSQUEEZE, List.of(c.add(Op.CAST, List.of(sizeValue), Map.of("to", DType.I64))),
                    Map.of("axes", new long[] {0}));
            shape = e.length == 0 ? n : c.add(Op.CONCAT, List.of(n, c.i64(e)), Map.of("axis", 0L));
        }
        return c.add(Op.EXPAND, c.scalar(dt, 0), shape);
    }

    /** A [rows] bool mask reshaped to [rows, 1, ...] so it broadcasts over the elements. */
    static Value rowMask(OpContext c, Value mask, int elementRank) {
        if (elementRank == 0) return mask;
        long[] axes = new long[elementRank];
        for (int i = 0; i < elementRank; i++) axes[i] = i + 1;
        return c.add(Op.UNSQUEEZE, List.of(mask), Map.of("axes", axes));
    }

    static Value asI32(OpContext c, Value v) {
        return v.dtype() == DType.I32 ? v : c.add(Op.CAST, List.of(v), Map.of("to", DType.I32));
    }

    /** Input {@code i} folded to a constant, or null when it is computed at run time. */
    static Tensor constant(OpContext c, int i) {
        Value v = c.input(i);
        if (v == null) return null;
        Value f = ConstantFolding.foldValue(c.graph(), v);
        return f.isConstant() ? f.constantValue() : null;
    }
}
