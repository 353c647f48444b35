package org.tf2torch.exporters.pytorch.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.FileSliceTensor;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;

/** Tensors of every dtype, edge values, a scalar, an empty tensor and a lazy file slice. */
final class SampleTensors {
    static final String HOSTILE_NAME = "we\"ird\\na\nme\t\u0001\u007f/é😀 {}[]:,";

    private SampleTensors() {}

    static List<NamedTensor> all(Path dir) throws IOException {
        List<NamedTensor> l = new ArrayList<>();
        l.add(new NamedTensor("dense.weight", TensorValues.ofFloats(Shape.of(2, 3), 1.5f, -2.25f, 0f, 3e-5f, 1e30f, -7f)));
        l.add(new NamedTensor("f64", TensorValues.ofDoubles(DType.F64, Shape.of(3), new double[] {1e-300, -2.5, Math.PI})));
        l.add(new NamedTensor("i64", TensorValues.ofLongs(DType.I64, Shape.of(2, 2),
                new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, 42})));
        l.add(new NamedTensor("i32", TensorValues.ofLongs(DType.I32, Shape.of(3),
                new long[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE})));
        l.add(new NamedTensor("bool", TensorValues.ofLongs(DType.BOOL, Shape.of(4), new long[] {1, 0, 0, 1})));
        l.add(new NamedTensor("f16", TensorValues.ofDoubles(DType.F16, Shape.of(2), new double[] {0.5, -65504})));
        l.add(new NamedTensor("bf16", TensorValues.ofDoubles(DType.BF16, Shape.of(2), new double[] {1, -3})));
        l.add(new NamedTensor("u8", TensorValues.ofLongs(DType.U8, Shape.of(3), new long[] {0, 128, 255})));
        l.add(new NamedTensor("i8", TensorValues.ofLongs(DType.I8, Shape.of(2), new long[] {-128, 127})));
        l.add(new NamedTensor("i16", TensorValues.ofLongs(DType.I16, Shape.of(2), new long[] {-32768, 32767})));
        l.add(new NamedTensor("scalar", TensorValues.scalar(DType.F32, 7)));
        l.add(new NamedTensor("empty", TensorValues.ofFloats(Shape.of(0, 3))));
        l.add(new NamedTensor(HOSTILE_NAME, TensorValues.ofFloats(Shape.of(1), 9f)));
        l.add(new NamedTensor("slice", fileSlice(dir)));
        return l;
    }

    /** Four floats 0.25, 0.5, 0.75, 1 at byte 5 of a file, behind 5 junk bytes. */
    static FileSliceTensor fileSlice(Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(5 + 16 + 3).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {9, 9, 9, 9, 9});
        for (int i = 1; i <= 4; i++) b.putFloat(i * 0.25f);
        b.put(new byte[] {9, 9, 9});
        Path f = dir.resolve("shard.bin");
        Files.write(f, b.array());
        return new FileSliceTensor(DType.F32, Shape.of(4), f, 5);
    }
}
