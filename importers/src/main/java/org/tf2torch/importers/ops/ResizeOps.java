package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/**
 * TF image resizing (NHWC) to the IR's RESIZE, for the coordinate rules PyTorch reproduces exactly: bilinear
 * with align_corners or half-pixel centres, nearest with TF's legacy floor rule or half-pixel centres. TF's
 * legacy asymmetric bilinear and nearest with align_corners (it rounds half away from zero) have no PyTorch
 * mode; they become fixed gathers ({@link ResampleOps}), as do bicubic and area.
 */
final class ResizeOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("ResizeBilinear", Translator.single(c -> resize(c, "linear")), Op.RESIZE, Op.TRANSPOSE, Op.CAST,
                Op.GATHER, Op.MUL, Op.REDUCE_SUM);
        r.add("ResizeNearestNeighbor", Translator.single(c -> resize(c, "nearest")), Op.RESIZE, Op.TRANSPOSE,
                Op.GATHER);
        new ResampleOps().register(r);
    }

    private static Value resize(OpContext c, String mode) {
        boolean align = c.attrBool("align_corners", false);
        boolean half = c.attrBool("half_pixel_centers", false);
        String coords;
        if (mode.equals("linear")) {
            ResampleOps.checkCorners(c, align, half);
            if (!align && !half) return ResampleOps.bilinear(c, false, false);
            coords = align ? "align_corners" : "half_pixel";
        } else {
            ResampleOps.checkCorners(c, align, half);
            if (align) return ResampleOps.nearestAligned(c);
            coords = half ? "tf_half_pixel_for_nn" : "asymmetric";
        }
        long[] size = c.constInts(1);
        Value x = c.input(0);
        // TF's bilinear resize always returns float32, whatever the image's type.
        if (mode.equals("linear") && x.dtype() != DType.F32) x = c.add(Op.CAST, List.of(x), Map.of("to", DType.F32));
        Value y = c.add(Op.RESIZE, List.of(Layout.toFirst(c, x)), Map.of("sizes", size, "mode", mode,
                "coordinate_transformation_mode", coords));
        return Layout.toLast(c, y);
    }
}
