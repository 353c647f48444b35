package org.tf2torch.importers.graph;

import java.util.ArrayList;
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

/**
 * TF2 TensorList ops (the lists behind {@code tf.TensorArray} in functions and Keras RNN loops) on the same dense
 * representation as TF1 TensorArrays ({@link TensorArrayState}): one tensor {@code [length, *element]}. Here the
 * state's {@code element} is the list's declared element shape, which may have unknown dims (Keras declares
 * {@code [-1, units]} with the batch unknown); the dense tensor then holds size 1 in those dims, which the first
 * {@code where}-write broadcasts to the written element's size. The unwritten rows are zeros either way, and
 * reading them is an error in TF when the element shape is not fully known, so the broadcast is exact wherever
 * TF gives a result. Lists of unknown element rank, and pushes onto lists with unknown element dims, are refused.
 */
final class TensorLists {
    static final Set<String> OPS = Set.of("TensorListReserve", "TensorListFromTensor", "TensorListGetItem",
            "TensorListSetItem", "TensorListStack", "TensorListLength", "TensorListElementShape", "EmptyTensorList",
            "TensorListPushBack", "TensorListPopBack");

    private TensorLists() {}

    static List<TfValue> translate(NodeDef n, List<TfValue> in, Graph g, String function) {
        List<Value> vals = new ArrayList<>();
        for (TfValue v : in) vals.add(v.isValue() ? v.value() : null);
        OpContext c = new OpContext(n, vals, g, function);
        switch (n.getOp()) {
            case "TensorListReserve": return list(reserve(c));
            case "EmptyTensorList": return list(empty(c));
            case "TensorListFromTensor": return list(fromTensor(c));
            case "TensorListGetItem": {
                TensorArrayState s = state(c, in);
                return List.of(TfValue.of(c.add(Op.GATHER, List.of(data(c, s), c.input(1)), Map.of("axis", 0L))));
            }
            case "TensorListSetItem": return list(setItem(c, state(c, in)));
            case "TensorListStack": return List.of(TfValue.of(stack(c, state(c, in))));
            case "TensorListLength": {
                TensorArrayState s = state(c, in);
                return List.of(TfValue.of(s.size() >= 0 ? c.scalar(DType.I32, s.size())
                        : TensorArrays.sizeOf(c, -1, data(c, s))));
            }
            case "TensorListElementShape": return List.of(TfValue.of(elementShape(c, state(c, in))));
            case "TensorListPushBack": return list(pushBack(c, state(c, in), c.input(1)));
            case "TensorListPopBack": return popBack(c, state(c, in));
            default: throw new TranslationException("not a TensorList op");
        }
    }

    private static List<TfValue> list(TensorArrayState s) { return List.of(TfValue.array(s)); }

    private static TensorArrayState state(OpContext c, List<TfValue> in) {
        if (in.isEmpty() || !in.get(0).isArray() || in.get(0).array().handle()) {
            throw new TranslationException(c.op() + " '" + c.name() + "' does not read a TensorList built by a "
                    + "supported op (TensorListReserve, TensorListFromTensor, EmptyTensorList)");
        }
        return in.get(0).array();
    }

    /** TensorListReserve(element_shape, num_elements): zeros, with size 1 in the element dims not yet known. */
    private static TensorArrayState reserve(OpContext c) {
        DType dt = c.attrType("element_dtype");
        Shape declared = declaredShape(c, 0);
        Tensor nc = TensorArrays.constant(c, 1);
        long size = nc == null ? -1 : TensorValues.toLongs(nc)[0];
        if (nc != null && size < 0) {
            throw new TranslationException("TensorListReserve '" + c.name() + "' reserves " + size + " elements");
        }
        Value data = declared == null ? null : zeros(c, dt, size, c.input(1), declared);
        return new TensorArrayState(false, c.name(), dt, declared, false, size, data, null);
    }

    private static TensorArrayState empty(OpContext c) {
        DType dt = c.attrType("element_dtype");
        Shape declared = declaredShape(c, 0);
        Value data = declared == null || !declared.isStatic() ? null : zeros(c, dt, 0, null, declared);
        return new TensorArrayState(false, c.name(), dt, declared, true, 0, data, null);
    }

    private static TensorArrayState fromTensor(OpContext c) {
        Value t = c.input(0);
        Shape ts = t.shape();
        if (!ts.hasRank() || ts.rank() < 1) {
            throw new TranslationException("TensorListFromTensor '" + c.name() + "' splits a tensor of shape " + ts
                    + "; a tensor of known rank >= 1 is needed");
        }
        Shape declared = declaredShape(c, 1);
        Shape element = Shape.of(ts.dims().subList(1, ts.rank()));
        if (declared == null) declared = element;
        long size = ts.dim(0).isStatic() ? ts.dim(0).size() : -1;
        return new TensorArrayState(false, c.name(), t.dtype(), declared, false, size, t, null);
    }

    private static TensorArrayState setItem(OpContext c, TensorArrayState s) {
        Value item = c.input(2);
        checkItem(c, s, item);
        Value data = data(c, s);
        Tensor ic = TensorArrays.constant(c, 1);
        if (ic != null) {
            long k = TensorValues.toLongs(ic)[0];
            if (k < 0 || s.size() >= 0 && k >= s.size()) {
                throw new TranslationException("TensorListSetItem '" + c.name() + "' writes index " + k
                        + " of a list of " + s.size() + " elements");
            }
        } else if (c.attrBool("resize_if_index_out_of_bounds", false)) {
            throw new TranslationException("TensorListSetItem '" + c.name() + "' may grow the list at an index computed "
                    + "at run time (resize_if_index_out_of_bounds); the converted list cannot grow");
        }
        Value rows = c.add(Op.RANGE, List.of(c.scalar(DType.I32, 0), TensorArrays.sizeOf(c, s.size(), data),
                c.scalar(DType.I32, 1)), Map.of());
        Value mask = c.add(Op.EQUAL, rows, TensorArrays.asI32(c, c.input(1)));
        int rank = item.shape().hasRank() ? item.shape().rank() : s.element().rank();
        mask = TensorArrays.rowMask(c, mask, rank);
        return s.withContents(c.add(Op.WHERE, mask, item, data), s.size(), s.element());
    }

    private static Value stack(OpContext c, TensorArrayState s) {
        long n = c.attrInt("num_elements", -1);
        if (n >= 0 && s.size() >= 0 && n != s.size()) {
            throw new TranslationException("TensorListStack '" + c.name() + "' expects " + n + " elements; the list has "
                    + s.size());
        }
        return data(c, s);
    }

    /** The declared element shape, as TF returns it: -1 for unknown dims, a scalar -1 for unknown rank. */
    private static Value elementShape(OpContext c, TensorArrayState s) {
        DType dt = c.hasAttr("shape_type") ? c.attrType("shape_type") : DType.I32;
        Shape e = s.element();
        if (e == null) return c.constant(TensorValues.scalar(dt, -1));
        long[] dims = new long[e.rank()];
        for (int i = 0; i < dims.length; i++) dims[i] = e.dim(i).isStatic() ? e.dim(i).size() : -1;
        return c.constant(TensorValues.ofLongs(dt, Shape.of(dims.length), dims));
    }

    private static TensorArrayState pushBack(OpContext c, TensorArrayState s, Value item) {
        checkItem(c, s, item);
        if (!item.shape().isStatic() && (s.element() == null || !s.element().isStatic())) {
            throw new TranslationException(c.op() + " '" + c.name() + "' pushes an element of shape " + item.shape()
                    + " onto a list whose element shape is not fully known; a static element shape is needed");
        }
        Value row = c.add(Op.UNSQUEEZE, List.of(item), Map.of("axes", new long[] {0}));
        Value data = s.data() == null || s.size() == 0 ? row : c.add(Op.CONCAT, List.of(s.data(), row), Map.of("axis", 0L));
        Shape element = s.element() != null && s.element().isStatic() ? s.element() : item.shape();
        return s.withContents(data, s.size() < 0 ? -1 : s.size() + 1, element);
    }

    /** TensorListPopBack → [list without its last element, that element]; the length must be static. */
    private static List<TfValue> popBack(OpContext c, TensorArrayState s) {
        Value data = data(c, s);
        if (s.size() < 1) {
            throw new TranslationException("TensorListPopBack '" + c.name() + "' pops a list of "
                    + (s.size() < 0 ? "a length only known at run time" : "no elements")
                    + "; a static, positive length is needed");
        }
        long last = s.size() - 1;
        Value item = c.add(Op.GATHER, List.of(data, c.constant(TensorValues.scalar(DType.I64, last))), Map.of("axis", 0L));
        Value rest = c.add(Op.SLICE, List.of(data), Map.of("starts", new long[] {0}, "ends", new long[] {last},
                "axes", new long[] {0}));
        return List.of(TfValue.array(s.withContents(rest, last, s.element())), TfValue.of(item));
    }

    private static void checkItem(OpContext c, TensorArrayState s, Value item) {
        if (item.dtype() != s.dtype()) {
            throw new TranslationException(c.op() + " '" + c.name() + "' writes " + item.dtype() + " into a list of "
                    + s.dtype());
        }
        Shape e = s.element();
        Shape is = item.shape();
        if (e == null || !is.hasRank()) return;
        boolean ok = is.rank() == e.rank();
        for (int i = 0; ok && i < e.rank(); i++) {
            ok = !e.dim(i).isStatic() || !is.dim(i).isStatic() || e.dim(i).size() == is.dim(i).size();
        }
        if (!ok) {
            throw new TranslationException(c.op() + " '" + c.name() + "' writes an element of shape " + is
                    + " into a list of " + e + " elements");
        }
    }

    private static Value data(OpContext c, TensorArrayState s) {
        if (s.data() == null) {
            throw new TranslationException(c.op() + " '" + c.name() + "' reads TensorList '" + s.name() + "', whose "
                    + "element shape is unknown (declare the element shape so the list can be one dense tensor)");
        }
        return s.data();
    }

    /** Input {@code i} as a partial shape: null for unknown rank (a scalar -1); -1 entries are unknown dims. */
    private static Shape declaredShape(OpContext c, int i) {
        Tensor t = TensorArrays.constant(c, i);
        if (t == null) {
            throw new TranslationException(c.op() + " '" + c.name() + "' takes its element shape from a value "
                    + "computed at run time; a constant element shape is needed");
        }
        long[] v = TensorValues.toLongs(t);
        if (t.shape().rank() == 0) {
            if (v[0] != -1) throw new TranslationException(c.op() + " '" + c.name() + "' has element shape " + v[0]);
            return null;
        }
        List<Dim> dims = new ArrayList<>();
        for (long d : v) dims.add(d < 0 ? Dim.unknown() : Dim.of(d));
        return Shape.of(dims);
    }

    /** {@code [rows, *element]} zeros with size 1 in unknown element dims; {@code count} gives rows when -1. */
    private static Value zeros(OpContext c, DType dt, long rows, Value count, Shape element) {
        long[] e = new long[element.rank()];
        for (int i = 0; i < e.length; i++) e[i] = element.dim(i).isStatic() ? element.dim(i).size() : 1;
        Value shape;
        if (rows >= 0) {
            long[] all = new long[e.length + 1];
            all[0] = rows;
            System.arraycopy(e, 0, all, 1, e.length);
            shape = c.i64(all);
        } else {
            Value n = c.add(Op.UNSQUEEZE, List.of(c.add(Op.CAST, List.of(count), Map.of("to", DType.I64))),
                    Map.of("axes", new long[] {0}));
            shape = e.length == 0 ? n : c.add(Op.CONCAT, List.of(n, c.i64(e)), Map.of("axis", 0L));
        }
        return c.add(Op.EXPAND, c.scalar(dt, 0), shape);
    }
}
