package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/**
 * ExtractImagePatches: each output pixel holds its (dilated) window flattened in (row, column, channel) order.
 * Concatenating, along channels, one strided slice of the zero-padded image per window offset gives exactly that
 * order for any dtype (torch's unfold is float-only and orders channels first).
 */
final class PatchOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("ExtractImagePatches", Translator.single(PatchOps::extract), Op.PAD, Op.SLICE, Op.CONCAT);
    }

    private static Value extract(OpContext c) {
        Value x = c.input(0);
        Shape s = x.shape();
        if (!s.hasRank() || s.rank() != 4) throw new TranslationException("the image must be 4-D NHWC, got " + s);
        long[] k = Layout.spatial(c.attrInts("ksizes"), 4, true, 1);
        long[] st = Layout.spatial(c.attrInts("strides"), 4, true, 1);
        long[] rate = Layout.spatial(c.attrInts("rates"), 4, true, 1);
        long[] in = new long[2];
        for (int i = 0; i < 2; i++) {
            Dim d = s.dim(1 + i);
            if (!d.isStatic()) throw new TranslationException("ExtractImagePatches needs static height and width, got " + s);
            in[i] = d.size();
        }
        Shape nchw = Shape.of(List.of(s.dim(0), s.dim(3), s.dim(1), s.dim(2)));
        long[] pads = Layout.pads(c, nchw, k, st, rate, true);
        long[] out = new long[2];
        for (int i = 0; i < 2; i++) {
            long eff = (k[i] - 1) * rate[i] + 1;
            long span = in[i] + pads[i] + pads[i + 2] - eff;
            if (span < 0) throw new TranslationException("the window " + eff + " is larger than the padded image " + s);
            out[i] = span / st[i] + 1;
        }
        Value p = x;
        if (pads[0] + pads[1] + pads[2] + pads[3] > 0) {
            p = c.add(Op.PAD, List.of(x), Map.of("pads", new long[] {0, pads[0], pads[1], 0, 0, pads[2], pads[3], 0},
                    "mode", "constant", "value", 0.0));
        }
        List<Value> parts = new ArrayList<>();
        for (long i = 0; i < k[0]; i++) {
            for (long j = 0; j < k[1]; j++) {
                long r0 = i * rate[0];
                long c0 = j * rate[1];
                parts.add(c.add(Op.SLICE, List.of(p), Map.of("starts", new long[] {r0, c0},
                        "ends", new long[] {r0 + (out[0] - 1) * st[0] + 1, c0 + (out[1] - 1) * st[1] + 1},
                        "axes", new long[] {1, 2}, "steps", new long[] {st[0], st[1]})));
            }
        }
        return parts.size() == 1 ? parts.get(0) : c.add(Op.CONCAT, parts, Map.of("axis", 3L));
    }
}
