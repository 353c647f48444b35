package org.tf2torch.ir.passes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * A deliberately naive reference evaluator (doubles, NCHW loops) for the few ops the pass tests use, so a
 * rewrite can be checked by running the graph before and after it on the same data.
 */
final class MiniInterpreter {
    private MiniInterpreter() {}

    record Nd(long[] shape, double[] data) {
        int size() { return data.length; }
    }

    static Nd random(Random r, long... shape) {
        double[] d = new double[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < d.length; i++) d[i] = r.nextDouble() * 2 - 1;
        return new Nd(shape, d);
    }

    /** Gives every parameter seeded random data of its declared type (the text parser leaves zeros). */
    static void randomizeParameters(Graph g, long seed) {
        Random r = new Random(seed);
        for (Parameter p : List.copyOf(g.params().values())) {
            Nd v = random(r, p.data().shape().sizes());
            g.replaceParameter(new Parameter(p.name(), TensorValues.ofDoubles(p.data().dtype(), p.data().shape(),
                    v.data()), p.trainable()));
        }
    }

    static Map<String, Nd> run(Graph g, Map<String, Nd> inputs) {
        Map<Value, Nd> env = new HashMap<>();
        for (int i = 0; i < g.inputs().size(); i++) env.put(g.inputs().get(i), inputs.get(g.inputKeys().get(i)));
        for (Node n : g.nodes()) {
            Nd[] in = n.inputs().stream().map(env::get).toArray(Nd[]::new);
            env.put(n.output(), eval(g, n, in));
        }
        Map<String, Nd> out = new LinkedHashMap<>();
        g.outputs().forEach((k, v) -> out.put(k, env.get(v)));
        return out;
    }

    private static Nd eval(Graph g, Node n, Nd[] in) {
        Attrs a = n.attrs();
        switch (n.op()) {
            case CONSTANT: return of(a.tensor("value"));
            case PARAM: return of(g.params().get(a.s("name")).data());
            case IDENTITY: return in[0];
            case RELU: return map(in[0], x -> Math.max(0, x));
            case NEG: return map(in[0], x -> -x);
            case TANH: return map(in[0], Math::tanh);
            case SIGMOID: return map(in[0], x -> 1 / (1 + Math.exp(-x)));
            case ADD: return zip(in[0], in[1], Double::sum);
            case SUB: return zip(in[0], in[1], (x, y) -> x - y);
            case MUL: return zip(in[0], in[1], (x, y) -> x * y);
            case MAX: return zip(in[0], in[1], Math::max);
            case TRANSPOSE: return transpose(in[0], a.intArray("perm"));
            case CONCAT: return concat(in, (int) a.i("axis"));
            case RESHAPE: return reshape(in[0], Arrays.stream(in[1].data()).mapToLong(d -> (long) d).toArray());
            case CONV: return conv(in[0], in[1], in.length > 2 ? in[2] : null, a);
            case MAX_POOL: return maxPool(in[0], a);
            default: throw new UnsupportedOperationException("MiniInterpreter has no " + n.op());
        }
    }

    private static Nd of(org.tf2torch.ir.Tensor t) { return new Nd(t.shape().sizes(), TensorValues.toDoubles(t)); }

    private static Nd map(Nd x, java.util.function.DoubleUnaryOperator f) {
        return new Nd(x.shape(), Arrays.stream(x.data()).map(f).toArray());
    }

    private static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    private static long[] unravel(long flat, long[] shape) {
        long[] idx = new long[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    private static Nd zip(Nd x, Nd y, java.util.function.DoubleBinaryOperator f) {
        int r = Math.max(x.shape().length, y.shape().length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long dx = dimFromEnd(x.shape(), r - i), dy = dimFromEnd(y.shape(), r - i);
            if (dx != dy && dx != 1 && dy != 1) throw new IllegalArgumentException("no broadcast");
            out[i] = Math.max(dx, dy);
        }
        double[] d = new double[(int) Arrays.stream(out).reduce(1, (p, q) -> p * q)];
        for (int k = 0; k < d.length; k++) {
            long[] idx = unravel(k, out);
            d[k] = f.applyAsDouble(x.data()[at(x.shape(), idx)], y.data()[at(y.shape(), idx)]);
        }
        return new Nd(out, d);
    }

    private static long dimFromEnd(long[] s, int k) { return k <= s.length ? s[s.length - k] : 1; }

    /** Flat index into a tensor of {@code shape} broadcast to the output index {@code idx}. */
    private static int at(long[] shape, long[] idx) {
        long[] st = strides(shape);
        long off = 0;
        for (int i = 0; i < shape.length; i++) {
            long j = idx[idx.length - shape.length + i];
            off += (shape[i] == 1 ? 0 : j) * st[i];
        }
        return (int) off;
    }

    private static Nd concat(Nd[] in, int axis) {
        int ax = axis < 0 ? axis + in[0].shape().length : axis;
        long[] out = in[0].shape().clone();
        out[ax] = 0;
        for (Nd x : in) out[ax] += x.shape()[ax];
        double[] d = new double[(int) Arrays.stream(out).reduce(1, (p, q) -> p * q)];
        for (int k = 0; k < d.length; k++) {
            long[] idx = unravel(k, out);
            int src = 0;
            while (idx[ax] >= in[src].shape()[ax]) idx[ax] -= in[src++].shape()[ax];
            long[] st = strides(in[src].shape());
            long off = 0;
            for (int i = 0; i < idx.length; i++) off += idx[i] * st[i];
            d[k] = in[src].data()[(int) off];
        }
        return new Nd(out, d);
    }

    private static Nd transpose(Nd x, int[] perm) {
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) out[i] = x.shape()[perm[i]];
        long[] st = strides(x.shape());
        double[] d = new double[x.size()];
        for (int k = 0; k < d.length; k++) {
            long[] idx = unravel(k, out);
            long off = 0;
            for (int i = 0; i < perm.length; i++) off += idx[i] * st[perm[i]];
            d[k] = x.data()[(int) off];
        }
        return new Nd(out, d);
    }

    private static Nd reshape(Nd x, long[] target) {
        long[] out = target.clone();
        long known = 1;
        int free = -1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) free = i;
            else known *= out[i];
        }
        if (free >= 0) out[free] = x.size() / known;
        return new Nd(out, x.data());
    }

    private static Nd conv(Nd x, Nd w, Nd b, Attrs a) {
        long[] s = a.ints("strides"), p = a.ints("pads"), dil = a.ints("dilations");
        int group = (int) a.i("group");
        int n = (int) x.shape()[0], c = (int) x.shape()[1], h = (int) x.shape()[2], wd = (int) x.shape()[3];
        int m = (int) w.shape()[0], cg = (int) w.shape()[1], kh = (int) w.shape()[2], kw = (int) w.shape()[3];
        int oh = (int) ((h + p[0] + p[2] - dil[0] * (kh - 1) - 1) / s[0] + 1);
        int ow = (int) ((wd + p[1] + p[3] - dil[1] * (kw - 1) - 1) / s[1] + 1);
        double[] out = new double[n * m * oh * ow];
        int mg = m / group;
        for (int in = 0; in < n; in++) for (int om = 0; om < m; om++) for (int y = 0; y < oh; y++) for (int z = 0; z < ow; z++) {
            double acc = 0;
            for (int ic = 0; ic < cg; ic++) for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++) {
                long yy = y * s[0] - p[0] + i * dil[0], zz = z * s[1] - p[1] + j * dil[1];
                if (yy < 0 || yy >= h || zz < 0 || zz >= wd) continue;
                int ch = (om / mg) * cg + ic;
                acc += x.data()[(int) (((long) (in * c + ch) * h + yy) * wd + zz)]
                        * w.data()[((om * cg + ic) * kh + i) * kw + j];
            }
            out[((in * m + om) * oh + y) * ow + z] = acc + (b == null ? 0 : b.data()[om]);
        }
        return new Nd(new long[] {n, m, oh, ow}, out);
    }

    private static Nd maxPool(Nd x, Attrs a) {
        long[] k = a.ints("kernel_shape"), s = a.ints("strides"), p = a.ints("pads");
        int n = (int) x.shape()[0], c = (int) x.shape()[1], h = (int) x.shape()[2], w = (int) x.shape()[3];
        int oh = (int) ((h + p[0] + p[2] - k[0]) / s[0] + 1), ow = (int) ((w + p[1] + p[3] - k[1]) / s[1] + 1);
        double[] out = new double[n * c * oh * ow];
        for (int b = 0; b < n * c; b++) for (int y = 0; y < oh; y++) for (int z = 0; z < ow; z++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k[0]; i++) for (int j = 0; j < k[1]; j++) {
                long yy = y * s[0] - p[0] + i, zz = z * s[1] - p[1] + j;
                if (yy >= 0 && yy < h && zz >= 0 && zz < w) m = Math.max(m, x.data()[(int) ((b * h + yy) * w + zz)]);
            }
            out[(b * oh + y) * ow + z] = m;
        }
        return new Nd(new long[] {n, c, oh, ow}, out);
    }

    static void assertClose(Map<String, Nd> want, Map<String, Nd> got) {
        org.junit.jupiter.api.Assertions.assertEquals(want.keySet(), got.keySet());
        for (String k : want.keySet()) {
            Nd a = want.get(k), b = got.get(k);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.shape(), b.shape(), "shape of " + k);
            for (int i = 0; i < a.size(); i++) {
                double tol = 1e-9 * Math.max(1, Math.abs(a.data()[i]));
                org.junit.jupiter.api.Assertions.assertEquals(a.data()[i], b.data()[i], tol, k + "[" + i + "]");
            }
        }
    }

    static Shape shapeOf(Nd x) { return Shape.of(x.shape()); }
}
