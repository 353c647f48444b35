package org.tf2torch.importers.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorSliceProto;
import org.tf2torch.importers.ImportException;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.FileSliceTensor;
import org.tf2torch.ir.Shape;

/** Bundles written by {@link TestBundleWriter}, for layouts and faults the real corpus does not contain. */
class TensorBundleSyntheticTest {
    @TempDir
    Path tmp;

    private static TestBundleWriter twoShards() {
        return new TestBundleWriter(2)
                .addFloats("dense/bias", 0, new long[] {3}, 1f, 2f, 3f)
                .addFloats("dense/kernel", 1, new long[] {2, 2}, 4f, 5f, 6f, 7f)
                .addFloats("dense/scale", 1, new long[] {}, 8f);
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(ImportException.class, call).getMessage();
    }

    @Test
    void twoShardsPointIntoTheRightFiles() throws IOException {
        TensorBundle b = TensorBundle.open(twoShards().write(tmp));
        assertEquals(2, b.numShards());
        assertEquals(List.of("dense/bias", "dense/kernel", "dense/scale"), b.keys());
        FileSliceTensor kernel = (FileSliceTensor) b.tensor("dense/kernel");
        assertTrue(kernel.file().endsWith("variables.data-00001-of-00002"));
        assertEquals(0, kernel.offset());
        assertEquals(16, ((FileSliceTensor) b.tensor("dense/scale")).offset());
        assertEquals(Shape.of(2, 2), kernel.shape());
        ByteBuffer k = kernel.read();
        assertEquals(7f, k.getFloat(12));
        assertEquals(Shape.scalar(), b.tensor("dense/scale").shape());
        assertTrue(((FileSliceTensor) b.tensor("dense/bias")).file().endsWith("variables.data-00000-of-00002"));
        for (String key : b.keys()) b.verifyCrc(key);
    }

    @Test
    void missingSecondShardIsNamed() throws IOException {
        Path dir = twoShards().write(tmp);
        Files.delete(dir.resolve("variables.data-00001-of-00002"));
        String m = message(() -> TensorBundle.open(dir));
        assertTrue(m.contains("variables.data-00001-of-00002 is missing (it holds 'dense/kernel' and 1 more)"), m);
    }

    @Test
    void snappyBlocksAndManyDataBlocks() throws IOException {
        TestBundleWriter w = twoShards().snappy().blockPerEntry();
        for (int i = 0; i < 20; i++) w.addFloats("layer_" + (char) ('a' + i) + "/w", 0, new long[] {1}, i);
        TensorBundle b = TensorBundle.open(w.write(tmp));
        assertEquals(23, b.keys().size());
        assertTrue(b.snappyBlocks() >= 24, "data blocks + index + metaindex: " + b.snappyBlocks());
        assertEquals(13f, b.tensor("layer_n/w").read().getFloat(0));
    }

    @Test
    void bigEndianIsRefused() throws IOException {
        Path dir = twoShards().bigEndian().write(tmp);
        String m = message(() -> TensorBundle.open(dir));
        assertTrue(m.contains("big-endian") && m.contains("re-save"), m);
    }

    @Test
    void sizeThatDisagreesWithShapeIsAShapeMismatch() throws IOException {
        Path dir = new TestBundleWriter(1)
                .addRaw("w", 0, DataType.DT_FLOAT, new long[] {2, 3}, new byte[20]).write(tmp);
        String m = message(() -> TensorBundle.open(dir));
        assertTrue(m.contains("shape mismatch between index and data") && m.contains("'w'")
                && m.contains("f32[2,3] needs 24 bytes but the entry holds 20"), m);
    }

    @Test
    void entryInAShardThatDoesNotExist() throws IOException {
        BundleEntryProto e = BundleEntryProto.newBuilder().setDtype(DataType.DT_FLOAT)
                .setShape(TestBundleWriter.shape(1)).setShardId(3).setSize(4).build();
        Path dir = new TestBundleWriter(1).addEntry("w", e).write(tmp);
        String m = message(() -> TensorBundle.open(dir));
        assertTrue(m.contains("shard 3 but the bundle has 1 shards"), m);
    }

    @Test
    void partitionedVariableIsRefusedClearly() throws IOException {
        BundleEntryProto full = BundleEntryProto.newBuilder().setDtype(DataType.DT_FLOAT)
                .setShape(TestBundleWriter.shape(4, 2))
                .addSlices(TensorSliceProto.newBuilder()
                        .addExtent(TensorSliceProto.Extent.newBuilder().setStart(0).setLength(2))
                        .addExtent(TensorSliceProto.Extent.newBuilder()))
                .build();
        TensorBundle b = TensorBundle.open(new TestBundleWriter(1).addEntry("emb", full)
                .addRaw("\0slice-of-emb", 0, DataType.DT_FLOAT, new long[] {2, 2}, new byte[16]).write(tmp));
        assertEquals(List.of("emb"), b.keys());
        assertTrue(b.entry("emb").isSliced());
        String m = message(() -> b.tensor("emb"));
        assertTrue(m.contains("'emb'") && m.contains("partitioned variable (1 slice(s))"), m);
    }

    @Test
    void refTypesMapAndUnsupportedTypesAreNamedOnUse() throws IOException {
        TensorBundle b = TensorBundle.open(new TestBundleWriter(1)
                .addRaw("c", 0, DataType.DT_COMPLEX64, new long[] {1}, new byte[8])
                .addRaw("r", 0, DataType.DT_FLOAT_REF, new long[] {2}, new byte[8])
                .write(tmp));
        assertEquals(DType.F32, b.tensor("r").dtype());
        assertEquals(DataType.DT_FLOAT_REF, b.entry("r").tfType());
        String m = message(() -> b.tensor("c"));
        assertTrue(m.contains("'c'") && m.contains("DT_COMPLEX64") && m.contains("variables.index"), m);
        b.verifyCrc("c");
    }

    @Test
    void stringTensorWithSeveralElements() throws IOException {
        // Layout as TensorFlow writes it: varint lengths (0 and 2), the masked CRC32C of those lengths taken as
        // uint32s, then the bytes. The entry's CRC covers the uint32 lengths, the length CRC and the bytes.
        byte[] lengthsAsUint32 = {0, 0, 0, 0, 2, 0, 0, 0};
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        data.put((byte) 0).put((byte) 2).putInt(Crc32c.maskedOf(lengthsAsUint32, 0, 8)).put((byte) 'h').put((byte) 'i');
        CRC32C entryCrc = new CRC32C();
        entryCrc.update(lengthsAsUint32);
        entryCrc.update(data.array(), 2, 6);
        BundleEntryProto e = BundleEntryProto.newBuilder().setDtype(DataType.DT_STRING)
                .setShape(TestBundleWriter.shape(2)).setSize(8).setCrc32C(Crc32c.mask((int) entryCrc.getValue()))
                .build();
        Path dir = new TestBundleWriter(1).addEntry("names", e).write(tmp);
        Files.write(dir.resolve("variables.data-00000-of-00001"), data.array());

        TensorBundle b = TensorBundle.open(dir);
        List<byte[]> values = b.stringTensor("names");
        assertEquals(2, values.size());
        assertEquals(0, values.get(0).length);
        assertEquals("hi", new String(values.get(1), StandardCharsets.US_ASCII));
        b.verifyCrc("names");

        data.put(7, (byte) 'o');
        Files.write(dir.resolve("variables.data-00000-of-00001"), data.array());
        String m = message(() -> TensorBundle.open(dir).stringTensor("names"));
        assertTrue(m.contains("'names'") && m.contains("checksum"), m);
    }
}
