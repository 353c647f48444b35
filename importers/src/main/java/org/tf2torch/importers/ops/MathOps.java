package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/** Element-wise arithmetic and math functions. */
final class MathOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        binary(r, "Add", Op.ADD);
        binary(r, "AddV2", Op.ADD);
        binary(r, "Sub", Op.SUB);
        binary(r, "Mul", Op.MUL);
        binary(r, "RealDiv", Op.DIV);
        binary(r, "Maximum", Op.MAX);
        binary(r, "Minimum", Op.MIN);
        binary(r, "Pow", Op.POW);
        unary(r, "Neg", Op.NEG);
        unary(r, "Abs", Op.ABS);
        unary(r, "Exp", Op.EXP);
        unary(r, "Log", Op.LOG);
        unary(r, "Sqrt", Op.SQRT);
        unary(r, "Reciprocal", Op.RECIPROCAL);
        unary(r, "Inv", Op.RECIPROCAL);
        unary(r, "Sigmoid", Op.SIGMOID);
        unary(r, "Tanh", Op.TANH);
        r.add("Rsqrt", Translator.single(c -> c.add(Op.RECIPROCAL, c.add(Op.SQRT, c.input(0)))), Op.SQRT,
                Op.RECIPROCAL);
        r.add("Square", Translator.single(c -> c.add(Op.MUL, c.input(0), c.input(0))), Op.MUL);
        r.add("SquaredDifference", Translator.single(c -> {
            Value d = c.add(Op.SUB, c.input(0), c.input(1));
            return c.add(Op.MUL, d, d);
        }), Op.SUB, Op.MUL);
        r.add("Cast", Translator.single(c -> c.add(Op.CAST, List.of(c.input(0)), Map.of("to", c.attrType("DstT")))),
                Op.CAST);
    }

    private static void binary(OpRegistry r, String tf, Op op) {
        r.add(tf, Translator.single(c -> c.add(op, c.input(0), c.input(1))), op);
    }

    private static void unary(OpRegistry r, String tf, Op op) {
        r.add(tf, Translator.single(c -> c.add(op, c.input(0))), op);
    }
}
