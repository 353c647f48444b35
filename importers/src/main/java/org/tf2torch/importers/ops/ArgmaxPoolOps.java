package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * MaxPoolWithArgmax (NHWC): the window's maximum and where it is, as TF's flat index ((b * H + y) * W + x) * C + c
 * (b only with include_batch_in_index). The window taps are stacked on a new last axis in TF's scan order (rows,
 * then columns); arg_max takes the first maximum, as TF's strict comparison does, and a constant table turns the
 * tap number into the offset of its pixel. torch's max_pool2d_with_indices is not used: it is float-only and
 * numbers pixels per channel plane. SAME padding uses the dtype's lowest value, so a padded tap never wins
 * against a real pixel above that value (TF skips padding; the two differ only for pixels equal to it, e.g. -inf).
 */
final class ArgmaxPoolOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("MaxPoolWithArgmax", ArgmaxPoolOps::maxPoolWithArgmax, Op.PAD, Op.SLICE, Op.UNSQUEEZE, Op.CONCAT,
                Op.REDUCE_MAX, Op.ARG_MAX, Op.GATHER, Op.ADD, Op.MUL, Op.RANGE, Op.CAST);
    }

    private static List<Value> maxPoolWithArgmax(OpContext c) {
        Value x = c.input(0);
        Shape s = x.shape();
        if (!s.hasRank() || s.rank() != 4) throw new TranslationException("MaxPoolWithArgmax needs a 4-D NHWC input, got " + s);
        for (int i = 1; i < 4; i++) {
            if (!s.dim(i).isStatic()) {
                throw new TranslationException("MaxPoolWithArgmax needs static height, width and channels, got " + s);
            }
        }
        long h = s.dim(1).size();
        long w = s.dim(2).size();
        long ch = s.dim(3).size();
        long[] k = Layout.spatial(c.attrInts("ksize"), 4, true, 1);
        long[] st = Layout.spatial(c.attrInts("strides"), 4, true, 1);
        Shape nchw = Shape.of(List.of(s.dim(0), s.dim(3), s.dim(1), s.dim(2)));
        long[] pads = Layout.pads(c, nchw, k, st, new long[] {1, 1}, true);
        long oh = (h + pads[0] + pads[2] - k[0]) / st[0] + 1;
        long ow = (w + pads[1] + pads[3] - k[1]) / st[1] + 1;
        Value p = x;
        if (pads[0] + pads[1] + pads[2] + pads[3] > 0) {
            p = c.add(Op.PAD, List.of(x), Map.of("pads", new long[] {0, pads[0], pads[1], 0, 0, pads[2], pads[3], 0},
                    "mode", "constant", "value", lowest(x.dtype())));
        }
        List<Value> taps = new ArrayList<>();
        long[] offsets = new long[(int) (k[0] * k[1])];
        for (long i = 0; i < k[0]; i++) {
            for (long j = 0; j < k[1]; j++) {
                offsets[taps.size()] = (i * w + j) * ch;
                Value tap = c.add(Op.SLICE, List.of(p), Map.of("starts", new long[] {i, j},
                        "ends", new long[] {i + (oh - 1) * st[0] + 1, j + (ow - 1) * st[1] + 1},
                        "axes", new long[] {1, 2}, "steps", new long[] {st[0], st[1]}));
                taps.add(c.add(Op.UNSQUEEZE, List.of(tap), Map.of("axes", new long[] {4})));
            }
        }
        // Flat index of each output's window origin (which may lie in the padding) plus its channel.
        long[] base = new long[(int) (oh * ow * ch)];
        for (long y = 0; y < oh; y++) {
            for (long xo = 0; xo < ow; xo++) {
                for (long cc = 0; cc < ch; cc++) {
                    base[(int) ((y * ow + xo) * ch + cc)] = ((y * st[0] - pads[0]) * w + (xo * st[1] - pads[1])) * ch + cc;
                }
            }
        }
        Value index = c.constant(TensorValues.ofLongs(DType.I64, Shape.of(oh, ow, ch), base));
        Value values;
        if (taps.size() == 1) {
            values = c.add(Op.SQUEEZE, List.of(taps.get(0)), Map.of("axes", new long[] {4}));
            if (offsets[0] != 0) index = c.add(Op.ADD, index, c.i64(offsets[0]));
        } else {
            Value stack = c.add(Op.CONCAT, taps, Map.of("axis", 4L));
            values = c.add(Op.REDUCE_MAX, List.of(stack), Map.of("axes", new long[] {4}, "keepdims", false));
            Value arg = c.add(Op.ARG_MAX, List.of(stack), Map.of("axis", 4L, "keepdims", false));
            Value off = c.add(Op.GATHER, List.of(c.i64(offsets), arg), Map.of("axis", 0L));
            index = c.add(Op.ADD, off, index);
        }
        if (c.attrBool("include_batch_in_index", false)) {
            Value n = c.add(Op.SQUEEZE, List.of(c.add(Op.SLICE, List.of(c.add(Op.SHAPE, x)), Map.of("starts",
                    new long[] {0}, "ends", new long[] {1}, "axes", new long[] {0}, "steps", new long[] {1}))),
                    Map.of("axes", new long[] {0}));
            Value batch = c.add(Op.RANGE, c.scalar(DType.I64, 0), n, c.scalar(DType.I64, 1));
            batch = c.add(Op.MUL, batch, c.scalar(DType.I64, h * w * ch));
            batch = c.add(Op.RESHAPE, batch, c.i64(-1, 1, 1, 1));
            index = c.add(Op.ADD, index, batch);
        }
        DType it = c.hasAttr("Targmax") ? c.attrType("Targmax") : DType.I64;
        if (it != DType.I64) index = c.add(Op.CAST, List.of(index), Map.of("to", it));
        return List.of(values, index);
    }

    private static double lowest(DType t) {
        switch (t) {
            case F16: case BF16: case F32: case F64: return Double.NEGATIVE_INFINITY;
            case I8: return Byte.MIN_VALUE;
            case I16: return Short.MIN_VALUE;
            case I32: return Integer.MIN_VALUE;
            case I64: return Long.MIN_VALUE;
            case U8: return 0;
            default: throw new TranslationException("MaxPoolWithArgmax does not take " + t);
        }
    }
}
