package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Tensor;

/**
 * Element-wise arithmetic and activations. Operands of the IR's binary ops share one dtype, which torch's
 * promotion keeps; a rank-0 constant operand becomes a Python scalar ({@code x * 0.5}) where torch gives
 * the same result as with the tensor: float32, float64 and integer dtypes (a half-precision kernel would
 * compute with the unrounded scalar).
 */
final class ElementwiseEmitters {
    private ElementwiseEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.ADD, ctx -> arithmetic(ctx, "+", "add", true));
        r.add(Op.SUB, ctx -> arithmetic(ctx, "-", "sub", false));
        r.add(Op.MUL, ctx -> arithmetic(ctx, "*", "mul", true));
        r.add(Op.DIV, ElementwiseEmitters::div);
        r.add(Op.POW, ctx -> function(ctx, "pow"));
        r.add(Op.MAX, ctx -> function(ctx, "maximum"));
        r.add(Op.MIN, ctx -> function(ctx, "minimum"));

        r.add(Op.NEG, ctx -> ctx.result(ctx.dialect() == Dialect.EAGER ? "-" + ctx.operand(0)
                : "torch.neg(" + ctx.operand(0) + ")"));
        r.add(Op.ABS, ctx -> unary(ctx, "torch.abs"));
        r.add(Op.EXP, ctx -> unary(ctx, "torch.exp"));
        r.add(Op.LOG, ctx -> unary(ctx, "torch.log"));
        r.add(Op.SQRT, ctx -> unary(ctx, "torch.sqrt"));
        r.add(Op.RECIPROCAL, ctx -> unary(ctx, "torch.reciprocal"));
        r.add(Op.SIGMOID, ctx -> unary(ctx, "torch.sigmoid"));
        r.add(Op.TANH, ctx -> unary(ctx, "torch.tanh"));
        r.add(Op.RELU, ctx -> unary(ctx, ctx.dialect().nn("relu")));
        r.add(Op.SELU, ctx -> unary(ctx, ctx.dialect().nn("selu")));
        r.add(Op.ELU, ctx -> ctx.result(ctx.dialect().call(ctx.dialect().nn("elu")).arg(ctx.operand(0))
                .opt("alpha", PyLiterals.floating(ctx.node().attrs().f("alpha"), ctx.resultType().dtype()), "1.0")
                .render()));
        r.add(Op.CLIP, ElementwiseEmitters::clip);
    }

    private static void unary(EmitContext ctx, String fn) {
        ctx.result(fn + "(" + ctx.operand(0) + ")");
    }

    /** +, -, *: Python operators in model.py, aten add/sub/mul in the archive. */
    private static void arithmetic(EmitContext ctx, String operator, String aten, boolean commutative) {
        String[] ab = operands(ctx, commutative);
        ctx.result(ctx.dialect().binary(operator, aten, ab[0], ab[1]));
    }

    /** ONNX Div: true division for floats, truncation toward zero for integers (torch's {@code //} floors). */
    private static void div(EmitContext ctx) {
        String[] ab = operands(ctx, false);
        if (ctx.resultType().dtype().isFloating()) {
            ctx.result(ctx.dialect().binary("/", "div", ab[0], ab[1]));
        } else {
            ctx.result(ctx.dialect().call("torch.div").arg(ab[0]).arg(ab[1]).kwOnly("rounding_mode", "\"trunc\"")
                    .render());
        }
    }

    private static void function(EmitContext ctx, String fn) {
        ctx.result("torch." + fn + "(" + ctx.operand(0) + ", " + ctx.operand(1) + ")");
    }

    /**
     * The two operand expressions, the second one a Python scalar when it is a rank-0 constant that can be
     * one; for a commutative op a scalar first operand is moved to the second place (exact for + and *).
     */
    private static String[] operands(EmitContext ctx, boolean commutative) {
        String s1 = scalar(ctx, 1);
        if (s1 != null) return new String[] {ctx.operand(0), s1};
        if (commutative) {
            String s0 = scalar(ctx, 0);
            if (s0 != null) return new String[] {ctx.operand(1), s0};
        }
        return new String[] {ctx.operand(0), ctx.operand(1)};
    }

    private static String scalar(EmitContext ctx, int i) {
        Tensor c = ctx.constant(i);
        DType out = ctx.resultType().dtype();
        if (c == null || c.shape().rank() != 0 || c.dtype() != out) return null;
        if (ctx.operandType(1 - i).dtype() != out) return null;
        boolean exact = out == DType.F32 || out == DType.F64 || out.isInteger();
        return exact ? PyLiterals.scalar(c) : null;
    }

    /**
     * ONNX Clip with float bounds. Integer tensors get integer bounds (a float bound would promote the result
     * to float); an infinite or out-of-range bound is None.
     */
    private static void clip(EmitContext ctx) {
        DType t = ctx.resultType().dtype();
        double lo = ctx.node().attrs().f("min");
        double hi = ctx.node().attrs().f("max");
        String min = bound(Math.ceil(lo), lo, t);
        String max = bound(Math.floor(hi), hi, t);
        if (min.equals("None") && max.equals("None")) {
            ctx.result(ctx.operand(0));
            return;
        }
        ctx.result(ctx.dialect().call("torch.clamp").arg(ctx.operand(0)).opt("min", min, "None")
                .opt("max", max, "None").render());
    }

    private static String bound(double rounded, double v, DType t) {
        if (Double.isInfinite(v) || Double.isNaN(v)) return "None";
        if (t.isFloating()) return PyLiterals.floating(v, t);
        if (Math.abs(rounded) >= 0x1p62) return "None";
        return PyLiterals.integer((long) rounded);
    }
}
