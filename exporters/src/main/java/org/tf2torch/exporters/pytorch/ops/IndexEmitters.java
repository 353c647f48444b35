package org.tf2torch.exporters.pytorch.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;

/** Range, gather, split, tile, one-hot and bitcast. */
final class IndexEmitters {
    private IndexEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.RANGE, IndexEmitters::range);
        r.add(Op.GATHER, IndexEmitters::gather);
        r.add(Op.GATHER_ND, IndexEmitters::gatherNd);
        r.add(Op.TILE, ctx -> {
            Tensor c = ctx.constant(1);
            Dialect d = ctx.dialect();
            ctx.result(c != null ? d.methodWithList(ctx.operand(0), "repeat", TensorValues.toLongs(c))
                    : d.method(ctx.operand(0), "repeat", ShapeEmitters.intList(ctx, ctx.operand(1))));
        });
        r.add(Op.SPLIT, IndexEmitters::split);
        r.add(Op.ONE_HOT, IndexEmitters::oneHot);
        r.add(Op.BITCAST, IndexEmitters::bitcast);
    }

    /**
     * {@code torch.arange} takes Python numbers: a constant bound is written as a literal (a float32 one in
     * full double precision, so the element count is computed from the exact value), a computed one is read
     * with {@code int()} / {@code float()}. Half types are made in float32 and converted, as the CPU kernel
     * of torch 1.13 has no half arange.
     */
    private static void range(EmitContext ctx) {
        DType t = ctx.resultType().dtype();
        Dialect d = ctx.dialect();
        Call call = d.call("torch.arange");
        for (int i = 0; i < 3; i++) {
            Tensor c = ctx.constant(i);
            if (c != null) {
                call.arg(t.isFloating() ? PyLiterals.floating(TensorValues.toDoubles(c)[0], DType.F64) : PyLiterals.scalar(c));
            } else {
                call.arg((t.isFloating() ? "float(" : "int(") + ctx.operand(i) + ")");
            }
        }
        boolean half = t == DType.F16 || t == DType.BF16;
        String r = call.kwOnly("dtype", d.dtype(half ? DType.F32 : t)).render();
        ctx.result(half ? d.method(r, "to", d.dtype(t)) : r);
    }

    /**
     * ONNX Gather as {@code index_select} on the flattened indices, reshaped to
     * {@code x.shape[:axis] + indices.shape + x.shape[axis+1:]}; index_select rejects out-of-range indices as
     * TF on CPU does (Python-style indexing would wrap negative ones).
     */
    private static void gather(EmitContext ctx) {
        Dialect d = ctx.dialect();
        long axis = ctx.node().attrs().i("axis");
        String x = ctx.operand(0);
        String idx = ctx.operand(1);
        Shape is = ctx.operandType(1).shape();
        if (is.hasRank() && is.rank() == 1) {
            ctx.result("torch.index_select(" + x + ", " + axis + ", " + idx + ")");
            return;
        }
        String sel = "torch.index_select(" + x + ", " + axis + ", " + d.methodWithList(idx, "reshape", new long[] {-1}) + ")";
        Shape out = ctx.resultType().shape();
        if (out.hasRank() && out.isStatic()) {
            ctx.result(d.methodWithList(sel, "reshape", out.sizes()));
        } else {
            String shape = x + ".shape[:" + axis + "] + " + idx + ".shape + " + x + ".shape[" + (axis + 1) + ":]";
            ctx.result(d.method(sel, "reshape", shape));
        }
    }

    /**
     * ONNX GatherND (batch_dims 0) as advanced indexing {@code x[i[..., 0], i[..., 1], ...]}; torch 1.13 only
     * indexes with int64, so int32 indices are converted first.
     */
    private static void gatherNd(EmitContext ctx) {
        Dialect d = ctx.dialect();
        if (ctx.node().attrs().i("batch_dims") != 0) throw new UnsupportedOperationException("gather_nd with batch_dims");
        Shape is = ctx.operandType(1).shape();
        if (!is.hasRank() || !is.dim(-1).isStatic() || is.dim(-1).size() == 0) {
            throw new UnsupportedOperationException("gather_nd needs a static, non-zero index depth, got " + is);
        }
        String idx = ctx.operand(1);
        if (ctx.operandType(1).dtype() != DType.I64) idx = ctx.temp("idx", d.method(idx, "to", d.dtype(DType.I64)));
        List<String> parts = new ArrayList<>();
        for (long k = 0; k < is.dim(-1).size(); k++) {
            parts.add(d == Dialect.EAGER ? idx + "[..., " + k + "]" : "torch.select(" + idx + ", -1, " + k + ")");
        }
        ctx.result(ctx.operand(0) + "[" + String.join(", ", parts) + "]");
    }

    /** {@code torch.split} with the sizes; the archive names the aten overload for a size list. */
    private static void split(EmitContext ctx) {
        Attrs a = ctx.node().attrs();
        Dialect d = ctx.dialect();
        String sizes = PyLiterals.ints(a.ints("split"));
        String dim = PyLiterals.integer(a.i("axis"));
        ctx.results(d == Dialect.EAGER ? "torch.split(" + ctx.operand(0) + ", " + sizes + ", dim=" + dim + ")"
                : "torch.split_with_sizes(" + ctx.operand(0) + ", " + sizes + ", " + dim + ")");
    }

    /**
     * ONNX OneHot: compare the indices, unsqueezed at the new axis, with {@code arange(depth)} laid along it.
     * A negative index counts from the end (ONNX), so it is wrapped first unless the indices are constants
     * known to be non-negative; anything still outside [0, depth) matches nothing and gives off values.
     */
    private static void oneHot(EmitContext ctx) {
        Attrs a = ctx.node().attrs();
        Dialect d = ctx.dialect();
        long depth = a.i("depth");
        DType t = a.dtype("to");
        Shape s = ctx.operandType(0).shape();
        if (!s.hasRank()) throw new UnsupportedOperationException("one_hot of unknown rank");
        int r = s.rank();
        long axis = a.i("axis") < 0 ? a.i("axis") + r + 1 : a.i("axis");
        String idx = ctx.operand(0);
        Tensor c = ctx.constant(0);
        if (c == null || Arrays.stream(TensorValues.toLongs(c)).anyMatch(v -> v < 0)) {
            String neg = d.binary("<", "lt", idx, "0");
            String wrapped = d.binary("+", "add", idx, PyLiterals.integer(depth));
            idx = ctx.temp("idx", "torch.where(" + neg + ", " + wrapped + ", " + idx + ")");
        }
        String pos = d.call("torch.arange").arg(PyLiterals.integer(depth)).kwOnly("device", idx + ".device").render();
        if (axis < r) {
            long[] shape = new long[r - (int) axis + 1];
            Arrays.fill(shape, 1);
            shape[0] = depth;
            pos = d.methodWithList(pos, "reshape", shape);
        }
        String mask = ctx.temp("hot", d.binary("==", "eq", d.method(idx, "unsqueeze", PyLiterals.integer(axis)), pos));
        double on = a.f("on");
        double off = a.f("off");
        if (on == 1 && off == 0) {
            ctx.result(d.method(mask, "to", d.dtype(t)));
            return;
        }
        String onT = scalarTensor(d, on, t);
        String offT = scalarTensor(d, off, t);
        ctx.result("torch.where(" + mask + ", " + onT + ", " + offT + ")");
    }

    private static String scalarTensor(Dialect d, double v, DType t) {
        String lit = t.isFloating() ? PyLiterals.floating(v, t) : t == DType.BOOL ? PyLiterals.bool(v != 0)
                : PyLiterals.integer((long) v);
        return "torch.tensor(" + lit + ", dtype=" + d.dtype(t) + ")";
    }

    /**
     * TF Bitcast: the bytes of a contiguous copy of x, read as the new dtype. {@code Tensor.view(dtype)} would
     * say it directly, but TorchScript cannot call it (it reads the dtype as a size, pytorch#47964), so an
     * empty tensor of the new dtype takes over the copy's storage with {@code aten::set_} (called through
     * {@code torch.ops} in model.py, as the Python method refuses a different dtype) and {@code as_strided}
     * lays the bytes out: a narrower dtype gets a last axis of the size ratio, a wider one drops it.
     */
    private static void bitcast(EmitContext ctx) {
        Dialect d = ctx.dialect();
        DType to = ctx.node().attrs().dtype("to");
        int from = ctx.operandType(0).dtype().byteSize();
        String x = ctx.operand(0);
        String empty = d.call("torch.empty").arg("[0]").kwOnly("dtype", d.dtype(to)).kwOnly("device", x + ".device")
                .render();
        String copy = d.method(d.method(x, "contiguous"), "clone");
        String bytes = ctx.temp("raw", (d == Dialect.EAGER ? "torch.ops.aten.set_(" : "torch.set_(") + empty + ", "
                + copy + ")");
        Shape out = ctx.resultType().shape();
        if (out.hasRank() && out.isStatic()) {
            long[] sizes = out.sizes();
            long[] strides = new long[sizes.length];
            long stride = 1;
            for (int i = sizes.length - 1; i >= 0; i--) {
                strides[i] = stride;
                stride *= sizes[i];
            }
            ctx.result(d.method(bytes, "as_strided", PyLiterals.ints(sizes), PyLiterals.ints(strides), "0"));
            return;
        }
        int size = to.byteSize();
        String numel = d.method(x, "numel");
        String n = from >= size ? numel + " * " + from / size : numel + " // " + size / from;
        String shape = from == size ? "list(" + x + ".shape)" : from > size ? "list(" + x + ".shape) + [" + from / size + "]"
                : "list(" + x + ".shape)[:-1]";
        ctx.result(d.method(d.method(bytes, "as_strided", "[" + n + "]", "[1]", "0"), "reshape", shape));
    }
}
