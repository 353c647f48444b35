package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.Shape;

/**
 * ONNX Pad in constant, reflect and edge modes. torch's reflect and replicate padding cover only the last
 * one to three dims of a tensor with one or two dims in front of them; a pad outside that shape (e.g. on the
 * batch dim) is built per axis from an index that reflects or clamps positions, which is exact for any rank.
 */
final class PadEmitter {
    private PadEmitter() {}

    static void pad(EmitContext ctx) {
        Attrs a = ctx.node().attrs();
        long[] pads = a.ints("pads");
        String mode = a.s("mode");
        Dialect d = ctx.dialect();
        String x = ctx.operand(0);
        if (Padding.allZero(pads)) {
            ctx.result(x);
            return;
        }
        if (mode.equals("constant")) {
            double v = a.f("value");
            String value = v == 0 ? "None" : PyLiterals.floating(v, ctx.resultType().dtype());
            ctx.result(Padding.constant(d, x, pads, value));
            return;
        }
        String torchMode;
        if (mode.equals("reflect")) torchMode = "\"reflect\"";
        else if (mode.equals("edge")) torchMode = "\"replicate\"";
        else throw new UnsupportedOperationException("pad mode '" + mode + "'");
        for (long p : pads) if (p < 0) throw new UnsupportedOperationException(mode + " pad with a negative amount");
        long[] list = Padding.torchOrder(pads);
        int k = list.length / 2;
        Shape s = ctx.operandType(0).shape();
        int rank = s.hasRank() ? s.rank() : -1;
        if (k <= 3 && rank >= k + 1 && rank <= k + 2) {
            ctx.result(modeCall(d, x, list, torchMode));
        } else if (k <= 3 && rank == k) {
            // One leading dim of 1 makes it a batch of one, which torch accepts.
            String hint = ctx.node().output().name();
            String padded = ctx.temp(hint + "_pad", modeCall(d, d.method(x, "unsqueeze", "0"), list, torchMode));
            ctx.result(d.method(padded, "squeeze", "0"));
        } else if (rank >= 0) {
            ctx.result(byIndex(ctx, x, pads, rank, mode.equals("reflect")));
        } else {
            throw new UnsupportedOperationException(mode + " pad of a tensor with unknown rank");
        }
    }

    private static String modeCall(Dialect d, String x, long[] list, String torchMode) {
        return d.call(d.nn("pad")).arg(x).arg(PyLiterals.ints(list)).opt("mode", torchMode, "\"constant\"")
                .opt("value", "None", "None").render();
    }

    /**
     * Per padded axis: positions {@code -begin .. n+end-1} mapped into {@code 0 .. n-1} (clamped for edge,
     * mirrored without repeating the border for reflect), then {@code index_select}.
     */
    private static String byIndex(EmitContext ctx, String x, long[] pads, int rank, boolean reflect) {
        Dialect d = ctx.dialect();
        String hint = ctx.node().output().name();
        String cur = x;
        for (int axis = 0; axis < rank; axis++) {
            long b = pads[axis];
            long e = pads[axis + rank];
            if (b == 0 && e == 0) continue;
            String ax = Integer.toString(axis);
            String last = ctx.temp(hint + "_last", d.method(cur, "size", ax) + " - 1");
            String pos = ctx.temp(hint + "_pos", "torch.arange(" + (-b) + ", " + last + " + " + (e + 1)
                    + ", device=" + cur + ".device)");
            String idx;
            if (reflect) {
                String abs = "torch.abs(" + pos + ")";
                String dist = "torch.abs(" + d.binary("-", "sub", abs, last) + ")";
                idx = d == Dialect.EAGER ? "-" + dist + " + " + last
                        : "torch.add(torch.neg(" + dist + "), " + last + ")";
            } else {
                idx = "torch.clamp(" + pos + ", 0, " + last + ")";
            }
            String index = ctx.temp(hint + "_index", idx);
            cur = ctx.temp(hint + "_" + axis, "torch.index_select(" + cur + ", " + ax + ", " + index + ")");
        }
        return cur;
    }
}
