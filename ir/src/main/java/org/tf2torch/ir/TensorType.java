package org.tf2torch.ir;

/** Element type plus shape of a value, printed as {@code f32[batch,10]}. */
public record TensorType(DType dtype, Shape shape) {
    public TensorType {
        if (dtype == null || shape == null) throw new IllegalArgumentException("dtype and shape are required");
    }

    public static TensorType of(DType dtype, long... sizes) { return new TensorType(dtype, Shape.of(sizes)); }

    public TensorType withShape(Shape s) { return new TensorType(dtype, s); }

    public TensorType withDType(DType d) { return new TensorType(d, shape); }

    @Override
    public String toString() { return dtype.irName() + shape; }

    public static TensorType parse(String text) {
        int b = text.indexOf('[');
        if (b < 0) throw new IllegalArgumentException("bad type " + text);
        return new TensorType(DType.fromIrName(text.substring(0, b).trim()), Shape.parse(text.substring(b)));
    }
}
