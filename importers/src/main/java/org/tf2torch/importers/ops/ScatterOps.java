package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * Ops that move values to positions given by constant indices: the IR has no scatter, so the positions are
 * inverted here into gather indices and a mask. Each output element is then selected from exactly one input
 * element (or summed over the updates that TF sums), with no arithmetic on the others.
 */
final class ScatterOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("ScatterNd", Translator.single(ScatterOps::scatterNd), Op.RESHAPE, Op.GATHER, Op.WHERE, Op.ADD);
        r.add("ReverseSequence", Translator.single(ScatterOps::reverseSequence), Op.TRANSPOSE, Op.RESHAPE, Op.GATHER);
    }

    /**
     * TF ScatterNd: zeros of {@code shape} plus each update at its index, repeated indices summing. Output slot
     * p takes the j-th update aimed at it in "layer" j; one layer when no index repeats.
     */
    private static Value scatterNd(OpContext c) {
        Tensor idxT = c.constInput(0);
        Value updates = c.input(1);
        long[] shape = c.constInts(2);
        Shape is = idxT.shape();
        int q = (int) is.dim(-1).size();
        long[] idx = TensorValues.toLongs(idxT);
        int n = idx.length / Math.max(q, 1);
        long slots = 1;
        for (int i = 0; i < q; i++) slots *= shape[i];
        long[] rest = Arrays.copyOfRange(shape, q, shape.length);
        List<List<Integer>> bySlot = new ArrayList<>();
        for (long p = 0; p < slots; p++) bySlot.add(new ArrayList<>());
        for (int k = 0; k < n; k++) {
            long p = 0;
            for (int i = 0; i < q; i++) {
                long v = idx[k * q + i];
                if (v < 0 || v >= shape[i]) throw new TranslationException("ScatterNd index " + v + " out of range [0, " + shape[i] + ")");
                p = p * shape[i] + v;
            }
            bySlot.get((int) p).add(k);
        }
        int layers = bySlot.stream().mapToInt(List::size).max().orElse(0);
        long[] flatShape = new long[1 + rest.length];
        flatShape[0] = n;
        System.arraycopy(rest, 0, flatShape, 1, rest.length);
        Value flat = c.add(Op.RESHAPE, updates, c.i64(flatShape));
        long[] maskShape = new long[1 + rest.length];
        Arrays.fill(maskShape, 1);
        maskShape[0] = slots;
        Value zero = c.scalar(updates.dtype(), 0);
        Value out = null;
        for (int j = 0; j < layers; j++) {
            long[] from = new long[(int) slots];
            long[] on = new long[(int) slots];
            for (int p = 0; p < slots; p++) {
                List<Integer> ks = bySlot.get(p);
                from[p] = j < ks.size() ? ks.get(j) : 0;
                on[p] = j < ks.size() ? 1 : 0;
            }
            Value g = c.add(Op.GATHER, List.of(flat, c.constant(TensorValues.ofLongs(DType.I64, Shape.of(slots), from))),
                    Map.of("axis", 0L));
            Value mask = c.constant(TensorValues.ofLongs(DType.BOOL, Shape.of(maskShape), on));
            Value layer = c.add(Op.WHERE, mask, g, zero);
            out = out == null ? layer : c.add(Op.ADD, out, layer);
        }
        if (out == null) {
            return c.add(Op.EXPAND, zero, c.i64(shape));
        }
        return c.add(Op.RESHAPE, out, c.i64(shape));
    }

    /**
     * TF ReverseSequence with constant lengths: batch and sequence axes are moved to the front and merged, so
     * that one gather with constant indices reverses the first {@code len[b]} steps of every row.
     */
    private static Value reverseSequence(OpContext c) {
        Value x = c.input(0);
        long[] lens = c.constInts(1);
        int r = Layout.rank(x);
        int s = (int) norm(c.attrInt("seq_dim", 0), r);
        int b = (int) norm(c.attrInt("batch_dim", 0), r);
        Shape xs = x.shape();
        // The batch size is the number of lengths; other dims may be dynamic (one of them, as -1).
        long bn = lens.length;
        if (!xs.dim(s).isStatic()) throw new TranslationException("ReverseSequence needs a static sequence length, got " + xs);
        long tn = xs.dim(s).size();
        long[] perm = new long[r];
        perm[0] = b;
        perm[1] = s;
        long[] merged = new long[r - 1];
        long[] split = new long[r];
        merged[0] = bn * tn;
        split[0] = bn;
        split[1] = tn;
        for (int i = 0, k = 2; i < r; i++) {
            if (i == b || i == s) continue;
            perm[k] = i;
            merged[k - 1] = xs.dim(i).isStatic() ? xs.dim(i).size() : -1;
            split[k] = merged[k - 1];
            k++;
        }
        if (Arrays.stream(merged).filter(v -> v == -1).count() > 1) {
            throw new TranslationException("ReverseSequence with more than one dynamic dim: " + xs);
        }
        long[] from = new long[(int) (bn * tn)];
        for (int bi = 0; bi < bn; bi++) {
            long len = lens[bi];
            if (len < 0 || len > tn) throw new TranslationException("ReverseSequence length " + len + " outside [0, " + tn + "]");
            for (int t = 0; t < tn; t++) from[(int) (bi * tn + t)] = bi * tn + (t < len ? len - 1 - t : t);
        }
        long[] inv = new long[r];
        for (int i = 0; i < r; i++) inv[(int) perm[i]] = i;
        Value y = c.add(Op.TRANSPOSE, List.of(x), Map.of("perm", perm));
        y = c.add(Op.RESHAPE, y, c.i64(merged));
        y = c.add(Op.GATHER, List.of(y, c.constant(TensorValues.ofLongs(DType.I64, Shape.of(from.length), from))),
                Map.of("axis", 0L));
        y = c.add(Op.RESHAPE, y, c.i64(split));
        return c.add(Op.TRANSPOSE, List.of(y), Map.of("perm", inv));
    }

    private static long norm(long axis, int r) { return axis < 0 ? axis + r : axis; }
}
