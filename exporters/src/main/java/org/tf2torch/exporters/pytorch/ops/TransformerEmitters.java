package org.tf2torch.exporters.pytorch.ops;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;

/** The ops of transformer blocks: einsum, layer normalization and GELU. */
final class TransformerEmitters {
    private TransformerEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.EINSUM, TransformerEmitters::einsum);
        r.add(Op.LAYER_NORMALIZATION, TransformerEmitters::layerNorm);
        r.add(Op.GELU, TransformerEmitters::gelu);
    }

    /** The operands go as a list: torch 1.13 and libtorch 2.5 both take {@code einsum(str, Tensor[])}. */
    private static void einsum(EmitContext ctx) {
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < ctx.node().inputs().size(); i++) ops.add(ctx.operand(i));
        ctx.result("torch.einsum(\"" + ctx.node().attrs().s("equation") + "\", [" + String.join(", ", ops) + "])");
    }

    /** {@code F.layer_norm} over the static trailing dims from {@code axis}. */
    private static void layerNorm(EmitContext ctx) {
        Shape s = ctx.operandType(0).shape();
        if (!s.hasRank()) throw new UnsupportedOperationException("layer_norm of an input of unknown rank");
        long axis = ctx.node().attrs().i("axis");
        int from = (int) (axis < 0 ? axis + s.rank() : axis);
        List<Long> dims = new ArrayList<>();
        for (int i = from; i < s.rank(); i++) {
            Dim d = s.dim(i);
            if (!d.isStatic()) throw new UnsupportedOperationException("layer_norm over the non-static dim " + i);
            dims.add(d.size());
        }
        long[] normalized = dims.stream().mapToLong(Long::longValue).toArray();
        int n = ctx.node().inputs().size();
        Dialect d = ctx.dialect();
        String eps = PyLiterals.floating(ctx.node().attrs().f("epsilon"), ctx.resultType().dtype());
        ctx.result(d.call(d.nn("layer_norm")).arg(ctx.operand(0)).arg(PyLiterals.ints(normalized))
                .opt("weight", n > 1 ? ctx.operand(1) : "None", "None")
                .opt("bias", n > 2 ? ctx.operand(2) : "None", "None")
                .opt("eps", eps, "1e-05").render());
    }

    /** {@code approximate} is keyword-only in aten's schema, so a keyword in both dialects. */
    private static void gelu(EmitContext ctx) {
        Dialect d = ctx.dialect();
        Call c = d.call(d.nn("gelu")).arg(ctx.operand(0));
        String approx = ctx.node().attrs().s("approximate");
        if (!approx.equals("none")) c.kwOnly("approximate", "\"" + approx + "\"");
        ctx.result(c.render());
    }
}
