package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.passes.ConstantFolding;

/**
 * TF's fused RNN kernels (tensorflow/core/kernels/rnn): one LSTM or GRU step (LSTMBlockCell, GRUBlockCell) and
 * a whole LSTM sequence (BlockLSTM, BlockLSTMV2), lowered to matmul and element-wise ops in the order the CPU
 * kernels compute them. The cell translators emit plain graph code, so they work unchanged wherever an
 * OpContext's graph is (a loop body included).
 */
final class RnnCellOps implements OpFamily {
    /**
     * BlockLSTM runs its time loop inside the kernel and the IR has no loop op yet, so the steps are unrolled;
     * beyond this many steps the generated forward would stop being readable, and the op is refused instead.
     */
    static final int MAX_UNROLLED_STEPS = 64;

    /** Where the cell-input and forget pre-activations sit in the 4·C gate block (i and o are always first/last). */
    enum GateLayout { ICFO, IFCO }

    /** BlockLSTM's results in order. */
    private static final List<String> OUTPUTS = List.of("i", "cs", "f", "o", "ci", "co", "h");

    @Override
    public void register(OpRegistry r) {
        r.add("LSTMBlockCell", RnnCellOps::lstmBlockCell, Op.CONCAT, Op.MATMUL, Op.ADD, Op.SPLIT, Op.SIGMOID,
                Op.TANH, Op.MUL, Op.CLIP);
        r.add("GRUBlockCell", RnnCellOps::gruBlockCell, Op.CONCAT, Op.MATMUL, Op.ADD, Op.SPLIT, Op.SIGMOID, Op.TANH,
                Op.MUL, Op.SUB);
        r.add("BlockLSTM", c -> blockLstm(c, GateLayout.ICFO), Op.SLICE, Op.SQUEEZE, Op.CONCAT, Op.MATMUL, Op.ADD,
                Op.SPLIT, Op.SIGMOID, Op.TANH, Op.MUL, Op.CLIP, Op.UNSQUEEZE, Op.PAD, Op.LESS, Op.WHERE, Op.SHAPE, Op.EXPAND);
        r.add("BlockLSTMV2", c -> blockLstm(c, GateLayout.IFCO), Op.SLICE, Op.SQUEEZE, Op.CONCAT, Op.MATMUL, Op.ADD,
                Op.SPLIT, Op.SIGMOID, Op.TANH, Op.MUL, Op.CLIP, Op.UNSQUEEZE, Op.PAD, Op.LESS, Op.WHERE, Op.SHAPE, Op.EXPAND);
    }

    /**
     * The weights and attributes of one LSTM as the kernel reads them: w is [input + C, 4·C] applied to [x, h],
     * b is [4·C], wci/wcf/wco are the peephole diagonals (read only with use_peephole).
     */
    record Lstm(Value w, Value wci, Value wcf, Value wco, Value b, long cellSize, GateLayout layout, float forgetBias,
            float cellClip, boolean peephole) {}

    /** Inputs x, cs_prev, h_prev, w, wci, wcf, wco, b; results i, cs, f, o, ci, co, h. */
    private static List<Value> lstmBlockCell(OpContext c) {
        Lstm p = lstm(c, 3, GateLayout.ICFO, c.attrFloat("forget_bias", 1.0f), c.input(1));
        requireRank(c, c.input(0), 2, "x");
        return lstmStep(new Emit(c, c.name()), p, c.input(0), c.input(1), c.input(2));
    }

    /**
     * Attribute defaults are the op definitions' (forget_bias 1, cell_clip 3 for LSTMBlockCell and BlockLSTM,
     * cell_clip 0 for BlockLSTMV2, which has no forget bias); a GraphDef may leave defaults out.
     */
    private static Lstm lstm(OpContext c, int wIndex, GateLayout layout, float forgetBias, Value csPrev) {
        float clipDefault = c.op().equals("BlockLSTMV2") ? 0.0f : 3.0f;
        Value w = c.input(wIndex);
        Value b = c.input(wIndex + 4);
        requireRank(c, w, 2, "w");
        requireRank(c, b, 1, "b");
        long cells = staticSize(b, 0) >= 0 ? staticSize(b, 0) / 4 : staticSize(csPrev, 1);
        if (cells <= 0) {
            throw new TranslationException("the cell size (b's length / 4, or cs_prev's last dimension) must be "
                    + "known to split the gates; give the weights static shapes");
        }
        if (staticSize(b, 0) >= 0 && staticSize(b, 0) != 4 * cells || staticSize(w, 1) >= 0 && staticSize(w, 1) != 4 * cells) {
            throw new TranslationException("w and b must have 4 * cell_size columns; got w " + w.shape() + ", b "
                    + b.shape());
        }
        return new Lstm(w, c.input(wIndex + 1), c.input(wIndex + 2), c.input(wIndex + 3), b, cells, layout,
                forgetBias, c.attrFloat("cell_clip", clipDefault), c.attrBool("use_peephole", false));
    }

    /**
     * One step of LSTMBlockCellFprop: gates = [x, h_prev]·w + b; i = σ(gᵢ [+ cs_prev·wci]); ci = tanh(g_c);
     * f = σ(g_f + forget_bias [+ cs_prev·wcf]); cs = i·ci + f·cs_prev, clipped to ±cell_clip when cell_clip > 0;
     * co = tanh(cs); o = σ(g_o [+ cs·wco]); h = o·co. Returns [i, cs, f, o, ci, co, h].
     */
    static List<Value> lstmStep(Emit e, Lstm p, Value x, Value csPrev, Value hPrev) {
        Value xh = e.op("xh", Op.CONCAT, List.of(x, hPrev), Map.of("axis", 1L));
        Value gates = e.op("gates", Op.ADD, e.op("xw", Op.MATMUL, xh, p.w()), p.b());
        long n = p.cellSize();
        boolean icfo = p.layout() == GateLayout.ICFO;
        List<Value> g = e.split(gates, icfo ? List.of("gate_i", "gate_c", "gate_f", "gate_o")
                : List.of("gate_i", "gate_f", "gate_c", "gate_o"), n, n, n, n);
        Value gi = g.get(0);
        Value gc = g.get(icfo ? 1 : 2);
        Value gf = g.get(icfo ? 2 : 1);
        Value go = g.get(3);

        if (p.peephole()) gi = e.op("i_peep", Op.ADD, gi, e.op("cs_wci", Op.MUL, csPrev, p.wci()));
        Value i = e.op("i", Op.SIGMOID, gi);
        Value ci = e.op("ci", Op.TANH, gc);
        // BlockLSTMV2 has no forget bias (the kernel adds 0); leaving the add out changes no value.
        Value fPre = p.forgetBias() == 0.0f ? gf
                : e.op("f_bias", Op.ADD, gf, e.c.scalar(x.dtype(), p.forgetBias()));
        if (p.peephole()) fPre = e.op("f_peep", Op.ADD, fPre, e.op("cs_wcf", Op.MUL, csPrev, p.wcf()));
        Value f = e.op("f", Op.SIGMOID, fPre);
        Value cs = e.op("cs", Op.ADD, e.op("i_ci", Op.MUL, i, ci), e.op("f_cs", Op.MUL, f, csPrev));
        // The kernel clips only for cell_clip > 0 (negative or 0 means no clipping), symmetrically.
        if (p.cellClip() > 0.0f) {
            cs = e.op("cs_clip", Op.CLIP, List.of(cs),
                    Map.of("min", -(double) p.cellClip(), "max", (double) p.cellClip()));
        }
        Value co = e.op("co", Op.TANH, cs);
        if (p.peephole()) go = e.op("o_peep", Op.ADD, go, e.op("cs_wco", Op.MUL, cs, p.wco()));
        Value o = e.op("o", Op.SIGMOID, go);
        Value h = e.op("h", Op.MUL, o, co);
        return List.of(i, cs, f, o, ci, co, h);
    }

    /**
     * GRUBlockCellFprop: [r̄, ū] = [x, h_prev]·w_ru + b_ru; r = σ(r̄), u = σ(ū);
     * c = tanh([x, h_prev·r]·w_c + b_c); h = u·(h_prev − c) + c (the kernel's form of u·h_prev + (1−u)·c).
     * Inputs x, h_prev, w_ru, w_c, b_ru, b_c; results r, u, c, h.
     */
    private static List<Value> gruBlockCell(OpContext c) {
        Value x = c.input(0);
        Value hPrev = c.input(1);
        Value wRu = c.input(2);
        Value wC = c.input(3);
        Value bRu = c.input(4);
        Value bC = c.input(5);
        requireRank(c, x, 2, "x");
        requireRank(c, hPrev, 2, "h_prev");
        long cells = staticSize(bC, 0) >= 0 ? staticSize(bC, 0) : staticSize(hPrev, 1);
        if (cells <= 0) {
            throw new TranslationException("the cell size (b_c's length or h_prev's last dimension) must be known "
                    + "to split the r and u gates; give the weights static shapes");
        }
        if (staticSize(bRu, 0) >= 0 && staticSize(bRu, 0) != 2 * cells) {
            throw new TranslationException("b_ru must have 2 * cell_size entries; got " + bRu.shape()
                    + " for cell size " + cells);
        }
        Emit e = new Emit(c, c.name());
        Value xh = e.op("xh", Op.CONCAT, List.of(x, hPrev), Map.of("axis", 1L));
        Value ru = e.op("ru", Op.ADD, e.op("xw_ru", Op.MATMUL, xh, wRu), bRu);
        List<Value> g = e.split(ru, List.of("r_bar", "u_bar"), cells, cells);
        Value r = e.op("r", Op.SIGMOID, g.get(0));
        Value u = e.op("u", Op.SIGMOID, g.get(1));
        Value xhr = e.op("xhr", Op.CONCAT, List.of(x, e.op("hr", Op.MUL, hPrev, r)), Map.of("axis", 1L));
        Value cand = e.op("c", Op.TANH, e.op("c_bar", Op.ADD, e.op("xw_c", Op.MATMUL, xhr, wC), bC));
        Value h = e.op("h", Op.ADD, e.op("u_hc", Op.MUL, u, e.op("h_c", Op.SUB, hPrev, cand)), cand);
        return List.of(r, u, cand, h);
    }

    /**
     * BlockLSTM(V2): inputs seq_len_max (int64 scalar), x [T, B, input], cs_prev, h_prev, w, wci, wcf, wco, b;
     * each of the seven results is [T, B, C], step t being LSTMBlockCell on x[t] and step t−1's cs and h.
     * Steps from seq_len_max on are not computed by the kernel: it zeroes cs and h there and leaves i, f, o, ci
     * and co unwritten (undefined), which this lowering also sets to 0.
     */
    private static List<Value> blockLstm(OpContext c, GateLayout layout) {
        float forgetBias = layout == GateLayout.ICFO ? c.attrFloat("forget_bias", 1.0f) : 0.0f;
        Value x = c.input(1);
        requireRank(c, x, 3, "x");
        Lstm p = lstm(c, 4, layout, forgetBias, c.input(2));
        long steps = staticSize(x, 0);
        if (steps < 0) {
            throw new TranslationException("the time dimension of x must be static: " + c.op() + " is unrolled "
                    + "step by step (the IR has no loop op yet); got x " + x.shape());
        }
        Value seq = ConstantFolding.foldValue(c.graph(), c.input(0));
        Long seqLen = seq.isConstant() ? org.tf2torch.ir.TensorValues.toLongs(seq.constantValue())[0] : null;
        if (seqLen != null && (seqLen < 0 || seqLen > steps)) {
            throw new TranslationException("seq_len_max is " + seqLen + " but must be between 0 and the time "
                    + "length " + steps + " (TF fails at run time)");
        }
        long run = seqLen != null ? seqLen : steps;
        if (run > MAX_UNROLLED_STEPS) {
            throw new TranslationException(c.op() + " over " + run + " time steps: the time loop is unrolled, "
                    + "which is limited to " + MAX_UNROLLED_STEPS + " steps until the IR has a loop op");
        }
        List<List<Value>> perOutput = new ArrayList<>();
        for (int k = 0; k < 7; k++) perOutput.add(new ArrayList<>());
        Value cs = c.input(2);
        Value h = c.input(3);
        Value zero = seqLen != null ? null : c.scalar(x.dtype(), 0.0);
        for (long t = 0; t < run; t++) {
            Emit e = new Emit(c, c.name() + "/t" + t);
            Value xt = e.op("x", Op.SQUEEZE, List.of(e.op("x_slice", Op.SLICE, List.of(x), Map.of("starts", new long[] {t},
                    "ends", new long[] {t + 1}, "axes", new long[] {0}, "steps", new long[] {1}))),
                    Map.of("axes", new long[] {0}));
            List<Value> out = lstmStep(e, p, xt, cs, h);
            cs = out.get(1);
            h = out.get(6);
            // A run-time seq_len_max: steps at or past it keep their computed values out of the results. The
            // recurrence may go on past it unmasked, since every later step is masked as well.
            Value valid = seqLen != null ? null : e.op("valid", Op.LESS, c.i64(t), seq);
            for (int k = 0; k < 7; k++) {
                Value v = valid == null ? out.get(k) : e.op(OUTPUTS.get(k) + "_valid", Op.WHERE, valid, out.get(k), zero);
                perOutput.get(k).add(e.op(OUTPUTS.get(k) + "_step", Op.UNSQUEEZE, List.of(v), Map.of("axes", new long[] {0})));
            }
        }
        List<Value> results = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            results.add(stackSteps(new Emit(c, c.name() + "/" + OUTPUTS.get(k)), perOutput.get(k), steps - run, p, x));
        }
        return results;
    }

    /** Concatenates the [1, B, C] steps on the time axis and appends {@code missing} zero steps. */
    private static Value stackSteps(Emit e, List<Value> steps, long missing, Lstm p, Value x) {
        if (steps.isEmpty()) return zeros(e, p, x);
        if (missing == 0) return steps.size() == 1 ? steps.get(0) : e.op("", Op.CONCAT, steps, Map.of("axis", 0L));
        Value all = steps.size() == 1 ? steps.get(0) : e.op("run", Op.CONCAT, steps, Map.of("axis", 0L));
        return e.op("", Op.PAD, List.of(all), Map.of("pads", new long[] {0, 0, 0, missing, 0, 0}));
    }

    /** seq_len_max = 0: [T, B, C] zeros, with B read from x at run time when it is not static. */
    private static Value zeros(Emit e, Lstm p, Value x) {
        Value batch = e.op("batch", Op.SLICE, List.of(e.op("x_shape", Op.SHAPE, x)), Map.of("starts",
                new long[] {1}, "ends", new long[] {2}, "axes", new long[] {0}, "steps", new long[] {1}));
        Value shape = e.op("shape", Op.CONCAT, List.of(e.c.i64(staticSize(x, 0)), batch, e.c.i64(p.cellSize())),
                Map.of("axis", 0L));
        return e.op("", Op.EXPAND, e.c.scalar(x.dtype(), 0.0), shape);
    }

    /** Adds the nodes of one cell step, each named after the TF node plus its role (model.py stays legible). */
    static final class Emit {
        final OpContext c;
        private final String prefix;

        Emit(OpContext c, String prefix) {
            this.c = c;
            this.prefix = prefix;
        }

        Value op(String role, Op op, List<Value> in, Map<String, ?> attrs) {
            Value v = c.graph().add(op, in, attrs, c.source(), role.isEmpty() ? prefix : prefix + "/" + role)
                    .output();
            return ConstantFolding.foldIfConstant(c.graph(), v);
        }

        Value op(String role, Op op, Value... in) { return op(role, op, List.of(in), Map.of()); }

        /** Consecutive column blocks of a [B, sum(sizes)] value, one slice each so every gate gets its name. */
        List<Value> split(Value v, List<String> roles, long... sizes) {
            List<Value> parts = new ArrayList<>();
            long start = 0;
            for (int k = 0; k < sizes.length; k++) {
                parts.add(op(roles.get(k), Op.SLICE, List.of(v), Map.of("starts", new long[] {start},
                        "ends", new long[] {start + sizes[k]}, "axes", new long[] {1}, "steps", new long[] {1})));
                start += sizes[k];
            }
            return parts;
        }
    }

    private static void requireRank(OpContext c, Value v, int rank, String what) {
        if (v.shape().hasRank() && v.shape().rank() != rank) {
            throw new TranslationException(c.op() + " needs " + what + " of rank " + rank + ", got " + v.shape());
        }
    }

    /** The size of dimension {@code i}, or -1 when it is not static. */
    private static long staticSize(Value v, int i) {
        Shape s = v.shape();
        if (!s.hasRank() || i >= s.rank()) return -1;
        Dim d = s.dim(i);
        return d.isStatic() ? d.size() : -1;
    }
}
