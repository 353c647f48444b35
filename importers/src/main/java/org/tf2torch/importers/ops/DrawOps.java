package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * DrawBoundingBoxes(V2) onto the IR's channels-first draw_bounding_boxes. Without colours (V1, or V2 with a
 * constant empty colours tensor) TF uses its built-in table of ten RGBA colours, whose first channel is 1 for
 * single-channel images; that table becomes a constant here.
 */
final class DrawOps implements OpFamily {
    private static final double[][] TABLE = {
        {1, 1, 0, 1}, {0, 0, 1, 1}, {1, 0, 0, 1}, {0, 1, 0, 1}, {0.5, 0, 0.5, 1},
        {0.5, 0.5, 0, 1}, {0.5, 0, 0, 1}, {0, 0, 0.5, 1}, {0, 1, 1, 1}, {1, 0, 1, 1},
    };

    @Override
    public void register(OpRegistry r) {
        r.add("DrawBoundingBoxes", Translator.single(DrawOps::draw), Op.DRAW_BOUNDING_BOXES, Op.TRANSPOSE);
        r.add("DrawBoundingBoxesV2", Translator.single(DrawOps::draw), Op.DRAW_BOUNDING_BOXES, Op.TRANSPOSE);
    }

    private static Value draw(OpContext c) {
        Value images = c.input(0);
        Shape s = images.shape();
        if (!s.hasRank() || s.rank() != 4) throw new TranslationException(c.op() + " needs 4-D NHWC images, got " + s);
        Value colors = c.numInputs() > 2 ? c.input(2) : null;
        Tensor given = colors == null ? null : colors.constantValue();
        if (colors == null || (given != null && given.shape().isStatic() && given.shape().numElements() == 0)) {
            Dim depth = s.dim(3);
            if (!depth.isStatic()) {
                throw new TranslationException(c.op() + " " + c.name() + " uses TF's default colours, which depend on "
                        + "the channel count; it must be static, got " + s);
            }
            double[] table = new double[TABLE.length * 4];
            for (int i = 0; i < TABLE.length; i++) {
                for (int j = 0; j < 4; j++) table[i * 4 + j] = j == 0 && depth.size() == 1 ? 1 : TABLE[i][j];
            }
            colors = c.constant(TensorValues.ofDoubles(DType.F32, Shape.of(TABLE.length, 4), table));
        }
        Value y = c.add(Op.DRAW_BOUNDING_BOXES, List.of(Layout.toFirst(c, images), c.input(1), colors), Map.of());
        return Layout.toLast(c, y);
    }
}
