package org.tf2torch.exporters.pytorch.ops;

import java.util.Arrays;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;

/**
 * Ops whose result sizes depend on the data: non_zero, unique and scatter_nd. Their sizes are never written
 * as literals; everything is read from the tensors at run time, so both dialects work for any data.
 */
final class DynamicEmitters {
    private DynamicEmitters() {}

    static void register(Emitters.Registry r) {
        // ONNX lays the coordinates out as [rank, n]; torch.nonzero gives [n, rank].
        r.add(Op.NON_ZERO, ctx -> ctx.result(ctx.dialect().method("torch.nonzero(" + ctx.operand(0) + ")", "t")));
        r.add(Op.UNIQUE, DynamicEmitters::unique);
        r.add(Op.SCATTER_ND, DynamicEmitters::scatterNd);
    }

    /**
     * {@code torch.unique} sorts; the first occurrence of each sorted value is the first entry of its group
     * after a stable sort of the inverse indices, and sorted=false reorders the groups by that position (TF
     * Unique keeps first-occurrence order). In the archive {@code torch.unique} is the aten op
     * {@code _unique2}, as the Python function is a wrapper TorchScript resolves at compile time.
     */
    private static void unique(EmitContext ctx) {
        Dialect d = ctx.dialect();
        String flat = d.methodWithList(ctx.operand(0), "reshape", new long[] {-1});
        String uq = ctx.temp("uq", d == Dialect.EAGER
                ? "torch.unique(" + flat + ", sorted=True, return_inverse=True, return_counts=True)"
                : "torch._unique2(" + flat + ", True, True, True)");
        String values = ctx.temp("uq_values", uq + "[0]");
        String inverse = ctx.temp("uq_inverse", uq + "[1]");
        String counts = ctx.temp("uq_counts", uq + "[2]");
        String grouped = ctx.temp("uq_grouped", "torch.sort(" + inverse + ", stable=True, dim=0)[1]");
        String cum = ctx.temp("uq_end", "torch.cumsum(" + counts + ", 0)");
        String starts = ctx.temp("uq_start", d.binary("-", "sub", cum, counts));
        String first = ctx.temp("uq_first", select(grouped, starts));
        if (ctx.node().attrs().b("sorted")) {
            ctx.results("(" + values + ", " + first + ", " + inverse + ", " + counts + ")");
            return;
        }
        String order = ctx.temp("uq_order", "torch.argsort(" + first + ")");
        String rank = ctx.temp("uq_rank", "torch.argsort(" + order + ")");
        ctx.results("(" + select(values, order) + ", " + select(first, order) + ", " + select(rank, inverse) + ", "
                + select(counts, order) + ")");
    }

    private static String select(String x, String idx) { return "torch.index_select(" + x + ", 0, " + idx + ")"; }

    /**
     * ONNX ScatterND on a view of the data as {@code [slots, rest...]}: the first q index columns become one
     * row number (row-major over the data's leading dims), so the update is a single indexed op along dim 0.
     * {@code index_add} and {@code scatter_reduce} combine repeated rows in index order on the CPU.
     */
    private static void scatterNd(EmitContext ctx) {
        Dialect d = ctx.dialect();
        String reduction = ctx.node().attrs().s("reduction");
        Shape is = ctx.operandType(1).shape();
        int q = (int) is.dim(-1).size();
        if (q == 0) throw new UnsupportedOperationException("scatter_nd with an index depth of 0");
        String x = ctx.operand(0);
        String idx = ctx.operand(1);
        if (ctx.operandType(1).dtype() != DType.I64) idx = ctx.temp("idx", d.method(idx, "to", d.dtype(DType.I64)));
        String row = column(d, idx, 0);
        for (int k = 1; k < q; k++) {
            String scaled = ctx.temp("row", d.binary("*", "mul", row, x + ".shape[" + k + "]"));
            row = d.binary("+", "add", scaled, column(d, idx, k));
        }
        row = ctx.temp("row", d.methodWithList(ctx.temp("row", row), "reshape", new long[] {-1}));
        String restShape = "[-1] + list(" + x + ".shape[" + q + ":])";
        String flat = ctx.temp("flat", d.method(x, "reshape", restShape));
        String upd = ctx.temp("upd", d.method(ctx.operand(2), "reshape", restShape));
        String out;
        switch (reduction) {
            case "none":
                out = d.method(flat, "index_copy", "0", row, upd);
                break;
            case "add":
                out = d.method(flat, "index_add", "0", row, upd);
                break;
            default: {
                Shape ds = ctx.operandType(0).shape();
                if (!ds.hasRank()) throw new UnsupportedOperationException("scatter_nd " + reduction + " on unknown rank");
                long[] col = new long[ds.rank() - q + 1];
                Arrays.fill(col, 1);
                col[0] = -1;
                // Each row number repeated over its row's elements; a 1-D row already is one element.
                String spread = col.length == 1 ? row
                        : ctx.temp("rows", d.method(d.methodWithList(row, "reshape", col), "expand_as", upd));
                String how = reduction.equals("mul") ? "prod" : reduction.equals("max") ? "amax" : "amin";
                out = d.method(flat, "scatter_reduce", "0", spread, upd, "\"" + how + "\"");
            }
        }
        ctx.result(d.method(ctx.temp("scattered", out), "reshape", x + ".shape"));
    }

    private static String column(Dialect d, String idx, int k) {
        return d == Dialect.EAGER ? idx + "[..., " + k + "]" : "torch.select(" + idx + ", -1, " + k + ")";
    }
}
