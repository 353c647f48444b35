package org.tf2torch.exporters.pytorch.ops;

import java.util.Set;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;

/**
 * TF's DrawBoundingBoxes without its per-box loop: every box's four edges become a [B,K,H,W] mask, the highest
 * box number that covers a pixel is the one TF painted last, and its colour (number mod colours) replaces the
 * pixel. Edge positions are float32 products truncated toward zero, as TF's int64 conversion does.
 */
final class DrawEmitters {
    private DrawEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.DRAW_BOUNDING_BOXES, DrawEmitters::draw);
    }

    private static final String DRAW = """
            {bx} = {boxesF32}
            {h} = {hSize}
            {w} = {wSize}
            {c} = {cSize}
            {k} = {kSize}
            {r0} = torch.unsqueeze(torch.unsqueeze(torch.trunc(torch.mul(torch.select({bx}, 2, 0), {h} - 1)), 2), 3)
            {c0} = torch.unsqueeze(torch.unsqueeze(torch.trunc(torch.mul(torch.select({bx}, 2, 1), {w} - 1)), 2), 3)
            {r1} = torch.unsqueeze(torch.unsqueeze(torch.trunc(torch.mul(torch.select({bx}, 2, 2), {h} - 1)), 2), 3)
            {c1} = torch.unsqueeze(torch.unsqueeze(torch.trunc(torch.mul(torch.select({bx}, 2, 3), {w} - 1)), 2), 3)
            {shown} = torch.logical_and(torch.logical_and(torch.le({r0}, {r1}), torch.le({c0}, {c1})), torch.logical_and(torch.logical_and(torch.lt({r0}, {h}), torch.ge({r1}, 0.0)), torch.logical_and(torch.lt({c0}, {w}), torch.ge({c1}, 0.0))))
            {ys} = torch.reshape(torch.arange({h}, dtype={F32}), [1, 1, -1, 1])
            {xs} = torch.reshape(torch.arange({w}, dtype={F32}), [1, 1, 1, -1])
            {rows} = torch.logical_and(torch.ge({ys}, {r0}), torch.le({ys}, {r1}))
            {cols} = torch.logical_and(torch.ge({xs}, {c0}), torch.le({xs}, {c1}))
            {edge} = torch.logical_or(torch.logical_and(torch.logical_or(torch.eq({ys}, {r0}), torch.eq({ys}, {r1})), {cols}), torch.logical_and(torch.logical_or(torch.eq({xs}, {c0}), torch.eq({xs}, {c1})), {rows}))
            {mask} = torch.logical_and({edge}, {shown})
            {ids} = torch.reshape(torch.arange({k}, dtype={I64}), [1, -1, 1, 1])
            {last} = torch.amax(torch.where({mask}, {ids}, torch.full_like({ids}, -1)), [1])
            {palette} = torch.narrow({colorsT}, 1, 0, {c})
            {pick} = torch.remainder(torch.clamp_min({last}, 0), {m})
            {paint} = torch.permute(torch.reshape(torch.index_select({palette}, 0, torch.reshape({pick}, [-1])), [-1, {h}, {w}, {c}]), [0, 3, 1, 2])
            """;

    private static void draw(EmitContext ctx) {
        Dialect d = ctx.dialect();
        DType t = ctx.resultType().dtype();
        String x = ctx.operand(0);
        String boxes = ctx.operand(1);
        String colors = ctx.operand(2);
        Template tp = new Template(ctx, "draw_");
        tp.set("boxesF32", CropEmitters.cast(d, boxes, ctx.operandType(1).dtype(), DType.F32));
        tp.set("hSize", d.method(x, "size", "2")).set("wSize", d.method(x, "size", "3"));
        tp.set("cSize", d.method(x, "size", "1")).set("kSize", d.method(boxes, "size", "1"));
        // Colours are float32 and cast to the image type when painted.
        tp.set("colorsT", CropEmitters.cast(d, colors, ctx.operandType(2).dtype(), t));
        tp.set("m", d.method(colors, "size", "0"));
        tp.set("F32", d.dtype(DType.F32)).set("I64", d.dtype(DType.I64));
        tp.write(DRAW, Set.of());
        ctx.result("torch.where(torch.unsqueeze(torch.ge(" + tp.local("last") + ", 0), 1), " + tp.local("paint")
                + ", " + x + ")");
    }
}
