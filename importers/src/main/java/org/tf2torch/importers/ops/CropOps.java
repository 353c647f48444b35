package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/** CropAndResize (NHWC image) onto the IR's channels-first crop_and_resize; the crop size must be a constant. */
final class CropOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("CropAndResize", Translator.single(CropOps::cropAndResize), Op.CROP_AND_RESIZE, Op.TRANSPOSE);
    }

    private static Value cropAndResize(OpContext c) {
        String method = c.attrString("method", "bilinear");
        if (!method.equals("bilinear") && !method.equals("nearest")) {
            throw new TranslationException("CropAndResize " + c.name() + ": method '" + method + "' is not one TF knows");
        }
        long[] size = c.constInts(3);
        if (size.length != 2 || size[0] <= 0 || size[1] <= 0) {
            throw new TranslationException("crop_size must be two positive values, got " + java.util.Arrays.toString(size));
        }
        Value image = Layout.toFirst(c, c.input(0));
        Value y = c.add(Op.CROP_AND_RESIZE, List.of(image, c.input(1), c.input(2)), Map.of("sizes", size,
                "mode", method, "extrapolation_value", (double) c.attrFloat("extrapolation_value", 0f)));
        return Layout.toLast(c, y);
    }
}
