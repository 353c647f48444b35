package org.tf2torch.exporters.pytorch.ops;

import java.util.Set;
import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;

/**
 * TF's CropAndResize, vectorized over boxes and sample points: sample coordinates in float32 exactly as TF's
 * kernel forms them, then one gather per neighbour from the image flattened to pixels (every pixel index is
 * (box_image * H + y) * W + x), TF's two-step lerp, and the extrapolation value where a sample falls outside.
 */
final class CropEmitters {
    private CropEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.CROP_AND_RESIZE, CropEmitters::cropAndResize);
    }

    private static final String COMMON = """
            {img} = {imgF32}
            {h} = {hSize}
            {w} = {wSize}
            {c} = {cSize}
            {k} = {kSize}
            {flat} = torch.reshape({img}, [-1, {c}])
            {y1} = torch.select({boxes}, 1, 0)
            {x1} = torch.select({boxes}, 1, 1)
            {y2} = torch.select({boxes}, 1, 2)
            {x2} = torch.select({boxes}, 1, 3)
            ?ch1 {iny} = torch.unsqueeze(torch.mul(torch.mul(torch.add({y1}, {y2}), 0.5), {h} - 1), 1)
            ?chN {ys} = torch.arange({ch}, dtype={F32})
            ?chN {hs} = torch.div(torch.mul(torch.sub({y2}, {y1}), {h} - 1), {ch} - 1)
            ?chN {iny} = torch.add(torch.unsqueeze(torch.mul({y1}, {h} - 1), 1), torch.mul(torch.unsqueeze({ys}, 0), torch.unsqueeze({hs}, 1)))
            ?cw1 {inx} = torch.unsqueeze(torch.mul(torch.mul(torch.add({x1}, {x2}), 0.5), {w} - 1), 1)
            ?cwN {xs} = torch.arange({cw}, dtype={F32})
            ?cwN {ws} = torch.div(torch.mul(torch.sub({x2}, {x1}), {w} - 1), {cw} - 1)
            ?cwN {inx} = torch.add(torch.unsqueeze(torch.mul({x1}, {w} - 1), 1), torch.mul(torch.unsqueeze({xs}, 0), torch.unsqueeze({ws}, 1)))
            {vy} = torch.logical_and(torch.ge({iny}, 0.0), torch.le({iny}, {h} - 1))
            {vx} = torch.logical_and(torch.ge({inx}, 0.0), torch.le({inx}, {w} - 1))
            {valid} = torch.unsqueeze(torch.logical_and(torch.unsqueeze({vy}, 2), torch.unsqueeze({vx}, 1)), 3)
            {b} = torch.unsqueeze(torch.unsqueeze(torch.mul({bL}, {h}), 1), 2)
            """;

    private static final String BILINEAR = """
            {top} = torch.floor({iny})
            {ly} = torch.unsqueeze(torch.unsqueeze(torch.sub({iny}, {top}), 2), 3)
            {left} = torch.floor({inx})
            {lx} = torch.unsqueeze(torch.unsqueeze(torch.sub({inx}, {left}), 1), 3)
            {ti} = torch.clamp({top}, 0, {h} - 1)
            {bi} = torch.clamp(torch.ceil({iny}), 0, {h} - 1)
            {li} = torch.clamp({left}, 0, {w} - 1)
            {ri} = torch.clamp(torch.ceil({inx}), 0, {w} - 1)
            {rowT} = torch.mul(torch.add({b}, torch.unsqueeze({tiL}, 2)), {w})
            {rowB} = torch.mul(torch.add({b}, torch.unsqueeze({biL}, 2)), {w})
            {tl} = torch.reshape(torch.index_select({flat}, 0, torch.reshape(torch.add({rowT}, torch.unsqueeze({liL}, 1)), [-1])), [{k}, {ch}, {cw}, {c}])
            {tr} = torch.reshape(torch.index_select({flat}, 0, torch.reshape(torch.add({rowT}, torch.unsqueeze({riL}, 1)), [-1])), [{k}, {ch}, {cw}, {c}])
            {bl} = torch.reshape(torch.index_select({flat}, 0, torch.reshape(torch.add({rowB}, torch.unsqueeze({liL}, 1)), [-1])), [{k}, {ch}, {cw}, {c}])
            {br} = torch.reshape(torch.index_select({flat}, 0, torch.reshape(torch.add({rowB}, torch.unsqueeze({riL}, 1)), [-1])), [{k}, {ch}, {cw}, {c}])
            {upper} = torch.add({tl}, torch.mul(torch.sub({tr}, {tl}), {lx}))
            {lower} = torch.add({bl}, torch.mul(torch.sub({br}, {bl}), {lx}))
            {value} = torch.add({upper}, torch.mul(torch.sub({lower}, {upper}), {ly}))
            """;

    /** roundf: half away from zero; the coordinates that count are not negative. */
    private static final String NEAREST = """
            {fy} = torch.floor({iny})
            {ti} = torch.clamp(torch.add({fy}, torch.ge(torch.sub({iny}, {fy}), 0.5)), 0, {h} - 1)
            {fx} = torch.floor({inx})
            {li} = torch.clamp(torch.add({fx}, torch.ge(torch.sub({inx}, {fx}), 0.5)), 0, {w} - 1)
            {rowT} = torch.mul(torch.add({b}, torch.unsqueeze({tiL}, 2)), {w})
            {value} = torch.reshape(torch.index_select({flat}, 0, torch.reshape(torch.add({rowT}, torch.unsqueeze({liL}, 1)), [-1])), [{k}, {ch}, {cw}, {c}])
            """;

    private static void cropAndResize(EmitContext ctx) {
        Dialect d = ctx.dialect();
        Attrs a = ctx.node().attrs();
        long[] sizes = a.ints("sizes");
        String mode = a.s("mode");
        if (!mode.equals("bilinear") && !mode.equals("nearest")) {
            throw new UnsupportedOperationException("crop_and_resize mode " + mode);
        }
        String x = ctx.operand(0);
        String boxes = ctx.operand(1);
        String index = ctx.operand(2);
        Template tp = new Template(ctx, "crop_");
        String nhwc = d.methodWithList(x, "permute", new long[] {0, 2, 3, 1});
        tp.set("imgF32", CropEmitters.cast(d, nhwc, ctx.operandType(0).dtype(), DType.F32));
        String img = tp.local("img");
        tp.set("hSize", d.method(img, "size", "1")).set("wSize", d.method(img, "size", "2"));
        tp.set("cSize", d.method(img, "size", "3")).set("kSize", d.method(boxes, "size", "0"));
        tp.set("boxes", CropEmitters.cast(d, boxes, ctx.operandType(1).dtype(), DType.F32));
        tp.set("bL", CropEmitters.cast(d, index, ctx.operandType(2).dtype(), DType.I64));
        tp.set("ch", Long.toString(sizes[0])).set("cw", Long.toString(sizes[1])).set("F32", d.dtype(DType.F32));
        for (String s : new String[] {"ti", "bi", "li", "ri"}) tp.set(s + "L", d.method(tp.local(s), "to", d.dtype(DType.I64)));
        tp.write(COMMON, Set.of(sizes[0] > 1 ? "chN" : "ch1", sizes[1] > 1 ? "cwN" : "cw1"));
        tp.write(mode.equals("bilinear") ? BILINEAR : NEAREST, Set.of());
        String value = tp.local("value");
        String fill = PyLiterals.floating(a.f("extrapolation_value"), DType.F32);
        String y = ctx.temp(ctx.node().output().name() + "_nhwc", "torch.where(" + tp.local("valid") + ", " + value
                + ", torch.full_like(" + value + ", " + fill + "))");
        ctx.result(d.methodWithList(y, "permute", new long[] {0, 3, 1, 2}));
    }

    static String cast(Dialect d, String x, DType from, DType to) {
        return from == to ? x : d.method(x, "to", d.dtype(to));
    }
}
