package org.tf2torch.exporters.pytorch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;

class TorchSaveWriterTest {
    @TempDir
    Path dir;

    /** Loads with the restricted unpickler; argv[3], when given, names two keys that must share a storage. */
    private static final String LOAD = PythonCheck.COMPARE + """
            import collections, torch
            sd = torch.load(sys.argv[1], weights_only=True)
            assert type(sd) is collections.OrderedDict, type(sd)
            actual = []
            for k, v in sd.items():
                assert type(v) is torch.Tensor and not v.requires_grad and v.is_contiguous(), k
                flat = (v.float() if v.dtype == torch.bfloat16 else v).reshape(-1).tolist()
                actual.append((k, str(v.dtype)[len('torch.'):], v.shape, flat))
            compare(actual, expected(sys.argv[2])[1])
            if len(sys.argv) > 3:
                a, b = sys.argv[3].split(',')
                assert sd[a].data_ptr() == sd[b].data_ptr()
            print('OK', len(actual))
            """;

    private void assertLoads(Path file, List<NamedTensor> tensors, String... extra) throws Exception {
        Path expected = dir.resolve("expected.txt");
        PythonCheck.writeExpected(expected, tensors, null);
        List<String> args = new ArrayList<>(List.of(file.toString(), expected.toString()));
        args.addAll(List.of(extra));
        assertEquals("OK " + tensors.size(), PythonCheck.run(LOAD, args.toArray(String[]::new)).strip());
    }

    @Test
    void weightsOnlyLoadGivesEveryDtype() throws Exception {
        PythonCheck.assumeTorch();
        List<NamedTensor> tensors = SampleTensors.all(dir);
        Path file = dir.resolve("state.pt");
        TorchSaveWriter.write(file, tensors);
        assertLoads(file, tensors);
    }

    @Test
    void sameTensorTwiceSharesOneStorage() throws Exception {
        PythonCheck.assumeTorch();
        Tensor tied = TensorValues.ofFloats(Shape.of(2), 1f, 2f);
        List<NamedTensor> tensors = List.of(new NamedTensor("embed.weight", tied),
                new NamedTensor("other", TensorValues.ofFloats(Shape.of(1), 3f)), new NamedTensor("head.weight", tied));
        Path file = dir.resolve("tied.pt");
        TorchSaveWriter.write(file, tensors);
        assertLoads(file, tensors, "embed.weight,head.weight");
    }

    @Test
    void loadsThroughZip64Records() throws Exception {
        PythonCheck.assumeTorch();
        List<NamedTensor> tensors = SampleTensors.all(dir);
        Path file = dir.resolve("zip64.pt");
        // Sizes and the entry count only: see ZipArchiveWriter on why forced offsets cannot load in torch.
        try (ZipArchiveWriter zip = new ZipArchiveWriter(file, "archive", 16, ZipArchiveWriter.ZIP64_SIZE_LIMIT, 4)) {
            TorchSaveWriter.write(zip, tensors);
        }
        assertLoads(file, tensors);
    }

    @Test
    void emptyStateDictAndDuplicateKeys() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> TorchSaveWriter.write(dir.resolve("d.pt"), List.of(
                new NamedTensor("a", TensorValues.ofFloats(Shape.of(1), 1f)),
                new NamedTensor("a", TensorValues.ofFloats(Shape.of(1), 1f)))));
        assertArrayEquals(new long[] {12, 4, 1}, StorageRecords.contiguousStrides(new long[] {2, 3, 4}));
        assertArrayEquals(new long[] {3, 3, 1}, StorageRecords.contiguousStrides(new long[] {2, 0, 3}));
        PythonCheck.assumeTorch();
        Path file = dir.resolve("empty.pt");
        TorchSaveWriter.write(file, List.of());
        assertLoads(file, List.of());
    }
}
