package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.List;

/** Result types of the predicate, indexing, generation and multi-result ops (null: not one of them). */
final class MoreShapes {
    private MoreShapes() {}

    static List<TensorType> infer(Node n) {
        Attrs a = n.attrs();
        List<Value> in = n.inputs();
        TensorType x = in.isEmpty() ? null : in.get(0).type();
        Op op = n.op();
        if (op.isPredicate() || op == Op.AND || op == Op.OR || op == Op.XOR || op == Op.NOT) {
            Shape s = in.size() == 1 ? x.shape() : ShapeInference.broadcast(x.shape(), in.get(1).shape());
            return List.of(new TensorType(DType.BOOL, s));
        }
        switch (op) {
            case WHERE: {
                Shape s = ShapeInference.broadcast(ShapeInference.broadcast(x.shape(), in.get(1).shape()), in.get(2).shape());
                return List.of(new TensorType(in.get(1).dtype(), s));
            }
            case REDUCE_MIN: case REDUCE_PROD: case REDUCE_ALL: case REDUCE_ANY:
                return List.of(Reshapes.reduce(x, a.ints("axes"), a.b("keepdims")));
            case ARG_MAX: case ARG_MIN:
                return List.of(Reshapes.reduce(x, new long[] {a.i("axis")}, a.b("keepdims")).withDType(DType.I64));
            case BITCAST: return List.of(bitcast(x, a.dtype("to")));
            case RANGE: return List.of(range(in));
            case GATHER: return List.of(gather(x, in.get(1).shape(), (int) a.i("axis")));
            case GATHER_ND: return List.of(gatherNd(x, in.get(1).shape(), (int) a.i("batch_dims")));
            case TILE: return List.of(tile(x, in.get(1)));
            case SPLIT: return split(x, (int) a.i("axis"), a.ints("split"));
            case TOP_K: {
                if (!x.shape().hasRank()) return List.of(x, x.withDType(DType.I64));
                int ax = Reshapes.normAxis(a.i("axis"), x.shape().rank());
                Shape s = x.shape().withDim(ax, Dim.of(a.i("k")));
                return List.of(x.withShape(s), new TensorType(DType.I64, s));
            }
            case ONE_HOT: {
                if (!x.shape().hasRank()) return List.of(new TensorType(a.dtype("to"), Shape.unknownRank()));
                List<Dim> d = new ArrayList<>(x.shape().dims());
                long axis = a.i("axis");
                d.add(axis < 0 ? d.size() + 1 + (int) axis : (int) axis, Dim.of(a.i("depth")));
                return List.of(new TensorType(a.dtype("to"), Shape.of(d)));
            }
            case CONV_TRANSPOSE: return List.of(convTranspose(x, in.get(1).type(), a));
            case RESIZE: {
                if (!x.shape().hasRank()) return List.of(x);
                List<Dim> d = new ArrayList<>(x.shape().dims().subList(0, 2));
                for (long s : a.ints("sizes")) d.add(Dim.of(s));
                return List.of(x.withShape(Shape.of(d)));
            }
            default:
                return ImageShapes.infer(n);
        }
    }

    private static TensorType bitcast(TensorType x, DType to) {
        int from = x.dtype().byteSize();
        int size = to.byteSize();
        if (from == size || !x.shape().hasRank()) return new TensorType(to, from == size ? x.shape() : Shape.unknownRank());
        List<Dim> d = new ArrayList<>(x.shape().dims());
        if (from > size) {
            d.add(Dim.of(from / size));
        } else {
            Dim last = d.isEmpty() ? null : d.get(d.size() - 1);
            if (last == null || (last.isStatic() && last.size() != size / from)) {
                throw new IllegalArgumentException("bitcast " + x + " to " + to + " needs a last axis of " + size / from);
            }
            d.remove(d.size() - 1);
        }
        return new TensorType(to, Shape.of(d));
    }

    private static TensorType range(List<Value> in) {
        DType t = in.get(0).dtype();
        Tensor s = in.get(0).constantValue();
        Tensor l = in.get(1).constantValue();
        Tensor d = in.get(2).constantValue();
        if (s == null || l == null || d == null) return new TensorType(t, Shape.of(-1));
        double start = TensorValues.toDoubles(s)[0];
        double limit = TensorValues.toDoubles(l)[0];
        double delta = TensorValues.toDoubles(d)[0];
        if (delta == 0) throw new IllegalArgumentException("range with delta 0");
        long count = (long) Math.max(0, Math.ceil((limit - start) / delta));
        return new TensorType(t, Shape.of(count));
    }

    private static TensorType gather(TensorType x, Shape idx, int axis) {
        if (!x.shape().hasRank() || !idx.hasRank()) return x.withShape(Shape.unknownRank());
        int ax = Reshapes.normAxis(axis, x.shape().rank());
        List<Dim> d = new ArrayList<>(x.shape().dims().subList(0, ax));
        d.addAll(idx.dims());
        d.addAll(x.shape().dims().subList(ax + 1, x.shape().rank()));
        return x.withShape(Shape.of(d));
    }

    private static TensorType gatherNd(TensorType x, Shape idx, int batch) {
        if (!x.shape().hasRank() || !idx.hasRank() || !idx.dim(-1).isStatic()) return x.withShape(Shape.unknownRank());
        int q = (int) idx.dim(-1).size();
        List<Dim> d = new ArrayList<>(idx.dims().subList(0, idx.rank() - 1));
        d.addAll(x.shape().dims().subList(batch + q, x.shape().rank()));
        return x.withShape(Shape.of(d));
    }

    private static TensorType tile(TensorType x, Value repeats) {
        if (!x.shape().hasRank()) return x;
        Tensor r = repeats.constantValue();
        List<Dim> d = new ArrayList<>();
        long[] rep = r == null ? null : TensorValues.toLongs(r);
        for (int i = 0; i < x.shape().rank(); i++) {
            Dim di = x.shape().dim(i);
            d.add(rep != null && di.isStatic() ? Dim.of(di.size() * rep[i]) : rep != null && rep[i] == 1 ? di : Dim.unknown());
        }
        return x.withShape(Shape.of(d));
    }

    private static List<TensorType> split(TensorType x, int axis, long[] sizes) {
        List<TensorType> out = new ArrayList<>();
        for (long s : sizes) {
            out.add(x.shape().hasRank() ? x.withShape(x.shape().withDim(Reshapes.normAxis(axis, x.shape().rank()), Dim.of(s))) : x);
        }
        return out;
    }

    private static TensorType convTranspose(TensorType x, TensorType w, Attrs a) {
        Shape s = x.shape();
        if (!s.hasRank() || !w.shape().hasRank()) return x.withShape(Shape.unknownRank());
        long[] strides = a.ints("strides");
        long[] pads = a.ints("pads");
        long[] dil = a.ints("dilations");
        long[] outPad = a.ints("output_padding");
        int sp = s.rank() - 2;
        List<Dim> d = new ArrayList<>();
        d.add(s.dim(0));
        Dim m = w.shape().dim(1);
        d.add(m.isStatic() ? Dim.of(m.size() * a.i("group")) : Dim.unknown());
        for (int i = 0; i < sp; i++) {
            Dim in = s.dim(2 + i);
            Dim k = w.shape().dim(2 + i);
            if (!in.isStatic() || !k.isStatic()) {
                d.add(Dim.unknown());
                continue;
            }
            long o = (in.size() - 1) * strides[i] - pads[i] - pads[i + sp] + dil[i] * (k.size() - 1) + outPad[i] + 1;
            d.add(Dim.of(o));
        }
        return x.withShape(Shape.of(d));
    }
}
