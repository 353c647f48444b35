package org.tf2torch.ir;

import java.util.List;

/** Result types of the detection ops (null: not one of them). */
final class ImageShapes {
    private ImageShapes() {}

    static List<TensorType> infer(Node n) {
        if (n.op() == Op.CROP_AND_RESIZE) return List.of(cropAndResize(n));
        if (n.op() == Op.DRAW_BOUNDING_BOXES) return List.of(n.input(0).type());
        if (n.op() != Op.NON_MAX_SUPPRESSION) return null;
        List<Value> in = n.inputs();
        TensorType scores = in.get(1).type();
        Shape boxes = in.get(0).shape();
        if (boxes.hasRank() && (boxes.rank() != 2 || (boxes.dim(1).isStatic() && boxes.dim(1).size() != 4))) {
            throw new IllegalArgumentException("non_max_suppression boxes must be [N,4], got " + boxes);
        }
        // The count is data-dependent unless padding fixes it to a known max_output_size.
        Dim count = Dim.unknown();
        Tensor max = in.get(2).constantValue();
        if (n.attrs().b("pad_to_max_output_size") && max != null) count = Dim.of(TensorValues.toLongs(max)[0]);
        Shape list = Shape.of(List.of(count));
        return List.of(new TensorType(DType.I64, list), new TensorType(scores.dtype(), list),
                new TensorType(DType.I64, Shape.scalar()));
    }

    private static TensorType cropAndResize(Node n) {
        Shape x = n.input(0).shape();
        Shape boxes = n.input(1).shape();
        long[] sizes = n.attrs().ints("sizes");
        if (sizes.length != 2) throw new IllegalArgumentException("crop_and_resize sizes must have 2 entries");
        Dim k = boxes.hasRank() ? boxes.dim(0) : Dim.unknown();
        Dim c = x.hasRank() ? x.dim(1) : Dim.unknown();
        return new TensorType(DType.F32, Shape.of(List.of(k, c, Dim.of(sizes[0]), Dim.of(sizes[1]))));
    }
}
