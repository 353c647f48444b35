package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.Op;

/**
 * LSTM and GRU written functionally ({@code torch.lstm} / {@code torch.gru}, the aten ops behind
 * {@code nn.LSTM}/{@code nn.GRU}, in both dialects), for layers whose weights are not a module of their own.
 * Keras's LSTM gate order i, f, c, o is torch's i, f, g, o, so its weights are used transposed as they are, with
 * a zero second bias. Keras's GRU order z, r, h becomes torch's r, z, n by reordering the column blocks; with
 * reset_after its two biases are torch's input and recurrent bias.
 */
final class RnnEmitters {
    private RnnEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.LSTM, ctx -> rnn(ctx, true));
        r.add(Op.GRU, ctx -> rnn(ctx, false));
    }

    private static long units(EmitContext ctx, boolean lstm) { return ctx.operandType(lstm ? 4 : 3).shape().sizes()[0]; }

    private static void rnn(EmitContext ctx, boolean lstm) {
        Dialect d = ctx.dialect();
        long u = units(ctx, lstm);
        String hint = ctx.node().output().name();
        String h0 = d.method(ctx.operand(1), "unsqueeze", "0");
        String params;
        String states;
        if (lstm) {
            String b = ctx.operand(5);
            params = "[" + d.method(ctx.operand(3), "t") + ", " + d.method(ctx.operand(4), "t") + ", " + b + ", "
                    + d.call("torch.zeros_like").arg(b).render() + "]";
            states = "[" + h0 + ", " + d.method(ctx.operand(2), "unsqueeze", "0") + "]";
        } else {
            String b = ctx.operand(4);
            params = "[" + d.method(gruOrder(d, ctx.operand(2), 1, u), "t") + ", "
                    + d.method(gruOrder(d, ctx.operand(3), 1, u), "t") + ", "
                    + gruOrder(d, d.method(b, "select", "0", "0"), 0, u) + ", "
                    + gruOrder(d, d.method(b, "select", "0", "1"), 0, u) + "]";
            states = h0;
        }
        String out = ctx.temp(hint + "_out", d.call(lstm ? "torch.lstm" : "torch.gru").arg(ctx.operand(0)).arg(states)
                .arg(params).arg("True").arg("1").arg("0.0").arg("False").arg("False").arg("True").render());
        String seq = out + "[0]";
        String h = d.method(out + "[1]", "select", "0", "0");
        ctx.results("(" + seq + ", " + h + (lstm ? ", " + d.method(out + "[2]", "select", "0", "0") : "") + ")");
    }

    /** Keras's gate blocks z, r, h along {@code dim} as torch's r, z, n. */
    static String gruOrder(Dialect d, String x, int dim, long u) {
        String dm = Integer.toString(dim);
        return d.call("torch.cat").arg("[" + d.method(x, "narrow", dm, Long.toString(u), Long.toString(u)) + ", "
                + d.method(x, "narrow", dm, "0", Long.toString(u)) + ", "
                + d.method(x, "narrow", dm, Long.toString(2 * u), Long.toString(u)) + "]").arg(dm).render();
    }
}
