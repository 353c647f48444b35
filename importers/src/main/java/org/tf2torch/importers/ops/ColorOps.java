package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/** RGB ↔ HSV on the last axis, composed step for step as TF's colorspace kernels compute them. */
final class ColorOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("RGBToHSV", Translator.single(ColorOps::rgbToHsv), Op.SLICE, Op.REDUCE_MAX, Op.REDUCE_MIN, Op.WHERE,
                Op.EQUAL, Op.GREATER, Op.LESS, Op.DIV, Op.RECIPROCAL, Op.CONCAT);
        r.add("HSVToRGB", Translator.single(ColorOps::hsvToRgb), Op.SLICE, Op.ABS, Op.CLIP, Op.MUL, Op.CONCAT);
    }

    private static Value channel(OpContext c, Value x, long i) {
        return c.add(Op.SLICE, List.of(x), Map.of("starts", new long[] {i}, "ends", new long[] {i + 1},
                "axes", new long[] {-1}, "steps", new long[] {1}));
    }

    private static Value rgbToHsv(OpContext c) {
        Value x = c.input(0);
        DType t = x.dtype();
        Map<String, Object> last = Map.of("axes", new long[] {-1}, "keepdims", true);
        Value r = channel(c, x, 0);
        Value g = channel(c, x, 1);
        Value b = channel(c, x, 2);
        Value zero = c.scalar(t, 0);
        Value v = c.add(Op.REDUCE_MAX, List.of(x), last);
        Value range = c.add(Op.SUB, v, c.add(Op.REDUCE_MIN, List.of(x), last));
        Value s = c.add(Op.WHERE, c.add(Op.GREATER, v, zero), c.add(Op.DIV, range, v), zero);
        // TF: norm = 1/range * 1/6, then the hue of whichever channel is the maximum (red first, then green).
        Value norm = c.add(Op.MUL, c.add(Op.RECIPROCAL, range), c.scalar(t, 1.0 / 6.0));
        Value hr = c.add(Op.MUL, norm, c.add(Op.SUB, g, b));
        Value hg = c.add(Op.ADD, c.add(Op.MUL, norm, c.add(Op.SUB, b, r)), c.scalar(t, 2.0 / 6.0));
        Value hb = c.add(Op.ADD, c.add(Op.MUL, norm, c.add(Op.SUB, r, g)), c.scalar(t, 4.0 / 6.0));
        Value h = c.add(Op.WHERE, c.add(Op.EQUAL, r, v), hr, c.add(Op.WHERE, c.add(Op.EQUAL, g, v), hg, hb));
        h = c.add(Op.WHERE, c.add(Op.GREATER, range, zero), h, zero);
        h = c.add(Op.WHERE, c.add(Op.LESS, h, zero), c.add(Op.ADD, h, c.scalar(t, 1)), h);
        return c.add(Op.CONCAT, List.of(h, s, v), Map.of("axis", -1L));
    }

    private static Value hsvToRgb(OpContext c) {
        Value x = c.input(0);
        DType t = x.dtype();
        Value h = channel(c, x, 0);
        Value s = channel(c, x, 1);
        Value v = channel(c, x, 2);
        Value dh = c.add(Op.MUL, h, c.scalar(t, 6));
        // dr = clip(|dh - 3| - 1), dg = clip(2 - |dh - 2|), db = clip(2 - |dh - 4|), all into [0, 1]
        Value dr = unit(c, c.add(Op.SUB, c.add(Op.ABS, c.add(Op.SUB, dh, c.scalar(t, 3))), c.scalar(t, 1)));
        Value dg = unit(c, c.add(Op.SUB, c.scalar(t, 2), c.add(Op.ABS, c.add(Op.SUB, dh, c.scalar(t, 2)))));
        Value db = unit(c, c.add(Op.SUB, c.scalar(t, 2), c.add(Op.ABS, c.add(Op.SUB, dh, c.scalar(t, 4)))));
        Value oneMinusS = c.add(Op.SUB, c.scalar(t, 1), s);
        Value red = c.add(Op.MUL, c.add(Op.ADD, oneMinusS, c.add(Op.MUL, s, dr)), v);
        Value green = c.add(Op.MUL, c.add(Op.ADD, oneMinusS, c.add(Op.MUL, s, dg)), v);
        Value blue = c.add(Op.MUL, c.add(Op.ADD, oneMinusS, c.add(Op.MUL, s, db)), v);
        return c.add(Op.CONCAT, List.of(red, green, blue), Map.of("axis", -1L));
    }

    private static Value unit(OpContext c, Value x) {
        return c.add(Op.CLIP, List.of(x), Map.of("min", 0.0, "max", 1.0));
    }
}
