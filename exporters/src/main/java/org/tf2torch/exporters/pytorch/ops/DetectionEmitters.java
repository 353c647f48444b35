package org.tf2torch.exporters.pytorch.ops;

import java.util.Set;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;

/**
 * Non-maximum suppression as TF's kernel runs it: a loop that takes the best remaining candidate (lowest index
 * among equal scores, which argmax gives), computes its float32 IoU with every box, and keeps it, drops it, or
 * (soft NMS) decays its score by the kept boxes it has not met yet, newest first, and puts it back. The output
 * size depends on the data, so this is a while loop in forward; it uses only tensor ops, int and bool, which
 * TorchScript compiles as they are.
 */
final class DetectionEmitters {
    private DetectionEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.NON_MAX_SUPPRESSION, DetectionEmitters::nonMaxSuppression);
    }

    private static final String NMS = """
            {b} = {boxesF32}
            {y1} = torch.select({b}, 1, 0)
            {x1} = torch.select({b}, 1, 1)
            {y2} = torch.select({b}, 1, 2)
            {x2} = torch.select({b}, 1, 3)
            {ymin} = torch.minimum({y1}, {y2})
            {xmin} = torch.minimum({x1}, {x2})
            {ymax} = torch.maximum({y1}, {y2})
            {xmax} = torch.maximum({x1}, {x2})
            {area} = torch.mul(torch.sub({ymax}, {ymin}), torch.sub({xmax}, {xmin}))
            {n} = {size}
            {thr} = {iouT}
            {sthr} = {scoreT}
            {sigma} = {sigmaT}
            {soft} = bool(torch.gt({sigma}, 0.0))
            {scale} = torch.div(torch.full_like({sigma}, -0.5), {sigma})
            {limit} = int({max})
            {cap} = {n}
            ?pad if {limit} > {cap}:
            ?pad     {cap} = {limit}
            {cur} = torch.clone({scores})
            {alive} = torch.gt({scores}, {sthr})
            {begin} = torch.zeros([{n}], dtype={I64})
            {kept} = torch.zeros([{n}], dtype={BOOL})
            {order} = torch.zeros([{cap}], dtype={I64})
            {chosen} = torch.zeros([{cap}], dtype={T})
            {lowest} = torch.full_like({scores}, float("-inf"))
            {count} = 0
            while {count} < {limit} and bool(torch.any({alive})):
                {i} = int(torch.argmax(torch.where({alive}, {cur}, {lowest})))
                {iy} = torch.sub(torch.minimum({ymax}, {ymax}[{i}]), torch.maximum({ymin}, {ymin}[{i}]))
                {ix} = torch.sub(torch.minimum({xmax}, {xmax}[{i}]), torch.maximum({xmin}, {xmin}[{i}]))
                {inter} = torch.mul(torch.clamp_min({iy}, 0.0), torch.clamp_min({ix}, 0.0))
                {iou} = torch.div({inter}, torch.sub(torch.add({area}, {area}[{i}]), {inter}))
                {empty} = torch.logical_or(torch.le({area}, 0.0), torch.le({area}[{i}], 0.0))
                {iou} = torch.where({empty}, torch.zeros_like({iou}), {iou})
                {row} = {iouT2}
                {orig} = {cur}[{i}]
                {s} = {orig}
                {hard} = False
                if {soft}:
                    {j} = {count} - 1
                    {first} = int({begin}[{i}])
                    while {j} >= {first}:
                        {sim} = {row}[int({order}[{j}])]
                        {arg} = torch.mul(torch.mul({scale}, {sim}), {sim})
                        {s} = torch.mul({s}, {expArg})
                        if bool(torch.le({s}, {sthr})):
                            break
                        {j} = {j} - 1
                else:
                    {hard} = bool(torch.any(torch.logical_and(torch.gt({row}, {thr}), {kept})))
                {begin}[{i}] = {count}
                {alive}[{i}] = False
                if not {hard}:
                    if bool(torch.eq({s}, {orig})):
                        {kept}[{i}] = True
                        {order}[{count}] = {i}
                        {chosen}[{count}] = {s}
                        {count} = {count} + 1
                    elif bool(torch.gt({s}, {sthr})):
                        {cur}[{i}] = {s}
                        {alive}[{i}] = True
            {len} = {count}
            ?pad {len} = {limit}
            """;

    private static void nonMaxSuppression(EmitContext ctx) {
        Dialect d = ctx.dialect();
        DType t = ctx.operandType(1).dtype();
        // Operands first: an inline constant's statement must come before the loop, not inside it.
        String boxes = ctx.operand(0);
        String scores = ctx.operand(1);
        String max = ctx.operand(2);
        String iou = ctx.operand(3);
        String score = ctx.operand(4);
        String sigma = ctx.operand(5);
        Template tp = new Template(ctx, "nms_");
        tp.set("boxesF32", cast(d, boxes, ctx.operandType(0).dtype(), DType.F32));
        // TF reads the thresholds and sigma as the score type and compares in it.
        tp.set("iouT", cast(d, iou, ctx.operandType(3).dtype(), t));
        tp.set("scoreT", cast(d, score, ctx.operandType(4).dtype(), t));
        tp.set("sigmaT", cast(d, sigma, ctx.operandType(5).dtype(), t));
        tp.set("size", d.method(scores, "size", "0"));
        tp.set("scores", scores).set("max", max);
        tp.set("I64", d.dtype(DType.I64)).set("BOOL", d.dtype(DType.BOOL)).set("T", d.dtype(t));
        tp.set("iouT2", cast(d, tp.local("iou"), DType.F32, t));
        // Half exp is float exp rounded to half (Eigen); torch 1.13 has no CPU exp for half at all.
        String arg = tp.local("arg");
        tp.set("expArg", t == DType.F32 ? "torch.exp(" + arg + ")"
                : cast(d, "torch.exp(" + cast(d, arg, t, DType.F32) + ")", DType.F32, t));
        boolean pad = ctx.node().attrs().b("pad_to_max_output_size");
        tp.write(NMS, pad ? Set.of("pad") : Set.of());
        String len = tp.local("len");
        ctx.results("torch.narrow(" + tp.local("order") + ", 0, 0, " + len + "), torch.narrow(" + tp.local("chosen")
                + ", 0, 0, " + len + "), torch.sum(" + tp.local("kept") + ")");
    }

    static String cast(Dialect d, String x, DType from, DType to) {
        return from == to ? x : d.method(x, "to", d.dtype(to));
    }
}
