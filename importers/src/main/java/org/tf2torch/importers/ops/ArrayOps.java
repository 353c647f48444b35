package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.importers.graph.TensorProtos;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/** Constants and the ops that move data around without computing on it. */
final class ArrayOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("Const", Translator.single(c -> c.constant(TensorProtos.toTensor(c.attr("value").getTensor()))),
                Op.CONSTANT);
        r.add("Reshape", Translator.single(c -> c.add(Op.RESHAPE, c.input(0), asI64(c, c.input(1)))), Op.RESHAPE);
        r.add("Transpose", Translator.single(c -> c.add(Op.TRANSPOSE, List.of(c.input(0)), Map.of("perm", c.constInts(1)))),
                Op.TRANSPOSE);
        r.add("ConcatV2", Translator.single(ArrayOps::concatV2), Op.CONCAT);
        r.add("Pack", Translator.single(ArrayOps::pack), Op.UNSQUEEZE, Op.CONCAT);
        r.add("Squeeze", Translator.single(ArrayOps::squeeze), Op.SQUEEZE, Op.CHECK_DIMS_NOT_ONE);
        r.add("ExpandDims", Translator.single(c -> {
            long axis = c.constInts(1)[0];
            int r1 = Layout.rank(c.input(0)) + 1;
            return c.add(Op.UNSQUEEZE, List.of(c.input(0)), Map.of("axes", new long[] {axis < 0 ? axis + r1 : axis}));
        }), Op.UNSQUEEZE);
        r.add("Shape", Translator.single(c -> {
            Value s = c.add(Op.SHAPE, c.input(0));
            DType t = c.hasAttr("out_type") ? c.attrType("out_type") : DType.I32;
            return t == DType.I64 ? s : c.add(Op.CAST, List.of(s), Map.of("to", t));
        }), Op.SHAPE, Op.CAST);
        r.add("StridedSlice", Translator.single(StridedSlices::translate), Op.SLICE, Op.RESHAPE);
        r.add("Pad", Translator.single(c -> pad(c, "constant", 0.0)), Op.PAD);
        r.add("PadV2", Translator.single(c -> pad(c, "constant", c.constInput(2) == null ? 0 : scalar(c, 2))), Op.PAD);
        r.add("MirrorPad", Translator.single(c -> {
            String mode = c.attrString("mode", "REFLECT");
            if (mode.equals("SYMMETRIC")) return MirrorPads.symmetric(c);
            if (!mode.equals("REFLECT")) throw new TranslationException("MirrorPad mode " + mode + " is not supported");
            return pad(c, "reflect", 0.0);
        }), Op.PAD, Op.GATHER);
        r.add("Fill", Translator.single(c -> c.add(Op.EXPAND, c.input(1), asI64(c, c.input(0)))), Op.EXPAND);
    }

    static Value asI64(OpContext c, Value v) {
        return v.dtype() == DType.I64 ? v : c.add(Op.CAST, List.of(v), Map.of("to", DType.I64));
    }

    private static double scalar(OpContext c, int i) {
        return org.tf2torch.ir.TensorValues.toDoubles(c.constInput(i))[0];
    }

    private static Value concatV2(OpContext c) {
        int n = c.numInputs() - 1;
        long axis = c.constInts(n)[0];
        List<Value> parts = new ArrayList<>(c.inputs().subList(0, n));
        if (parts.size() == 1) return parts.get(0);
        return c.add(Op.CONCAT, parts, Map.of("axis", axis));
    }

    private static Value pack(OpContext c) {
        long axis = c.attrInt("axis", 0);
        int r1 = Layout.rank(c.input(0)) + 1;
        long ax = axis < 0 ? axis + r1 : axis;
        List<Value> parts = new ArrayList<>();
        for (Value v : c.inputs()) parts.add(c.add(Op.UNSQUEEZE, List.of(v), Map.of("axes", new long[] {ax})));
        return parts.size() == 1 ? parts.get(0) : c.add(Op.CONCAT, parts, Map.of("axis", ax));
    }

    /**
     * Without axes TF drops every dim that is 1 when the model runs. Static 1s are dropped here; a dynamic dim is
     * kept behind a run-time check, since dropping it when it is 1 would change the rank, which the converted
     * graph fixes when converting: the module raises instead of computing something else.
     */
    private static Value squeeze(OpContext c) {
        Value x = c.input(0);
        long[] dims = c.attrInts("squeeze_dims");
        if (dims.length == 0) {
            Shape s = x.shape();
            if (!s.hasRank()) {
                throw new TranslationException("Squeeze without axes needs a known input rank to know which dims it"
                        + " removes; give the signature input a shape");
            }
            List<Long> axes = new ArrayList<>();
            List<Long> guarded = new ArrayList<>();
            for (int i = 0; i < s.rank(); i++) {
                if (!s.dim(i).isStatic()) guarded.add((long) i);
                else if (s.dim(i).size() == 1) axes.add((long) i);
            }
            if (!guarded.isEmpty()) {
                long[] g = guarded.stream().mapToLong(Long::longValue).toArray();
                x = c.add(Op.CHECK_DIMS_NOT_ONE, List.of(x), Map.of("axes", g, "message", "TF Squeeze node '"
                        + c.name() + "' has no axes, so it would also remove dim(s) " + guarded + " of " + s
                        + " at size 1, changing the rank; the converted model keeps them and needs sizes other than 1"));
            }
            dims = axes.stream().mapToLong(Long::longValue).toArray();
        }
        if (dims.length == 0) return x;
        return c.add(Op.SQUEEZE, List.of(x), Map.of("axes", dims));
    }

    /** TF paddings [[before, after], ...] to ONNX [befores..., afters...]. */
    private static Value pad(OpContext c, String mode, double value) {
        long[] p = c.constInts(1);
        int r = p.length / 2;
        long[] pads = new long[2 * r];
        for (int i = 0; i < r; i++) {
            pads[i] = p[2 * i];
            pads[i + r] = p[2 * i + 1];
        }
        return c.add(Op.PAD, List.of(c.input(0)), Map.of("pads", pads, "mode", mode, "value", value));
    }
}
