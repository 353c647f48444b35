package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/**
 * TF's NonMaxSuppression family onto the IR's non_max_suppression, which takes all six operands: the versions
 * without a score threshold use the lowest value of the score type (every non-NaN score but that one passes,
 * as in TF), the versions without soft NMS a sigma of 0. Selected indices are int32, as TF returns them.
 */
final class NmsOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("NonMaxSuppression", c -> nms(c, 1), Op.NON_MAX_SUPPRESSION, Op.CAST);
        r.add("NonMaxSuppressionV2", c -> nms(c, 2), Op.NON_MAX_SUPPRESSION, Op.CAST);
        r.add("NonMaxSuppressionV3", c -> nms(c, 3), Op.NON_MAX_SUPPRESSION, Op.CAST);
        r.add("NonMaxSuppressionV4", c -> nms(c, 4), Op.NON_MAX_SUPPRESSION, Op.CAST);
        r.add("NonMaxSuppressionV5", c -> nms(c, 5), Op.NON_MAX_SUPPRESSION, Op.CAST);
    }

    private static List<Value> nms(OpContext c, int version) {
        Value boxes = c.input(0);
        Value scores = c.input(1);
        DType t = scores.dtype();
        if (t != DType.F32 && t != DType.F16) {
            throw new TranslationException(c.op() + " " + c.name() + ": TF's kernel takes float32 or float16 scores, got " + t);
        }
        Value max = c.input(2);
        Value iou = version == 1 ? c.scalar(DType.F32, c.attrFloat("iou_threshold", 0.5f)) : c.input(3);
        Value score = version >= 3 ? c.input(4) : c.scalar(t, t == DType.F16 ? -65504.0 : -Float.MAX_VALUE);
        Value sigma = version == 5 ? c.input(5) : c.scalar(t, 0);
        boolean pad = version >= 4 && c.attrBool("pad_to_max_output_size", false);
        List<Value> out = c.graph().add(Op.NON_MAX_SUPPRESSION, List.of(boxes, scores, max, iou, score, sigma),
                Map.of("pad_to_max_output_size", pad), c.source(), c.name()).outputs();
        List<Value> res = new ArrayList<>();
        res.add(c.add(Op.CAST, List.of(out.get(0)), Map.of("to", DType.I32)));
        if (version == 5) res.add(out.get(1));
        if (version >= 4) res.add(c.add(Op.CAST, List.of(out.get(2)), Map.of("to", DType.I32)));
        return res;
    }
}
