package org.tf2torch.validation.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Shape;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.io.Npy;
import org.tf2torch.validation.io.Npz;

class InputFilesTest {
    private static final List<InputSpec> SPECS = List.of(
            new InputSpec("serving/x:0", DType.F32, Shape.parse("[batch,3]")),
            new InputSpec("ids", DType.I32, Shape.parse("[batch]")));

    @TempDir
    Path tmp;

    private static NdArray x(int batch) {
        return NdArray.of(new float[batch * 3], batch, 3);
    }

    @Test
    void loadsNpzInSignatureOrder() throws Exception {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("ids", NdArray.of(new int[] {1, 2}, 2));
        m.put("serving/x:0", x(2));
        Path f = tmp.resolve("in.npz");
        Npz.write(f, m, true);
        Map<String, NdArray> loaded = InputFiles.load(f, SPECS);
        assertEquals(List.of("serving/x:0", "ids"), List.copyOf(loaded.keySet()));
        assertEquals(m.get("ids"), loaded.get("ids"));
        InputsInfo info = InputFiles.describe(f.toString(), SPECS, loaded);
        assertEquals(InputsInfo.FILE, info.source());
        assertEquals(2, info.tensors().size());
    }

    @Test
    void loadsDirectoryWithFileSafeNames() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("inputs"));
        Npy.write(dir.resolve(InputFiles.fileName("serving/x:0") + ".npy"), x(4));
        Npy.write(dir.resolve("ids.npy"), NdArray.of(new int[] {1, 2, 3, 4}, 4));
        Files.writeString(dir.resolve("README.txt"), "ignored");
        Map<String, NdArray> loaded = InputFiles.load(dir, SPECS);
        assertEquals("serving_x_0", InputFiles.fileName("serving/x:0"));
        assertEquals(4, loaded.get("serving/x:0").shape()[0]);
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("serving_x_0", NdArray.of(new double[6], 2, 3)); // f64 where f32 is declared
        m.put("extra", NdArray.of(new int[] {1}, 1));
        Path f = tmp.resolve("bad.npz");
        Npz.write(f, m, false);
        InputException e = assertThrows(InputException.class, () -> InputFiles.load(f, SPECS));
        String msg = e.getMessage();
        assertTrue(msg.contains("missing input ids"), msg);
        assertTrue(msg.contains("array extra matches no input"), msg);
        assertTrue(msg.contains("wants float32, the array is float64"), msg);
    }

    @Test
    void checksShapes() {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("serving/x:0", NdArray.of(new float[8], 2, 4));
        m.put("ids", NdArray.of(new int[] {1, 2, 3}, 3));
        InputException e = assertThrows(InputException.class, () -> InputFiles.match(m, SPECS, "test"));
        assertTrue(e.getMessage().contains("axis 1"), e.getMessage());
        assertTrue(e.getMessage().contains("dimension batch is 2 in one input but 3 in ids"), e.getMessage());
        Map<String, NdArray> rank = Map.of("serving/x:0", NdArray.of(new float[3], 3),
                "ids", NdArray.of(new int[] {1}, 1));
        InputException r = assertThrows(InputException.class, () -> InputFiles.match(rank, SPECS, "test"));
        assertTrue(r.getMessage().contains("wants rank 2"), r.getMessage());
    }

    @Test
    void clearErrorsForUnusablePaths() throws Exception {
        assertThrows(InputException.class, () -> InputFiles.read(tmp.resolve("nope.npz")));
        Path npy = tmp.resolve("one.npy");
        Npy.write(npy, x(1));
        InputException single = assertThrows(InputException.class, () -> InputFiles.read(npy));
        assertTrue(single.getMessage().contains("directory of .npy"), single.getMessage());
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThrows(InputException.class, () -> InputFiles.read(empty));
        Path junk = Files.writeString(tmp.resolve("junk.npz"), "not a zip");
        assertThrows(InputException.class, () -> InputFiles.read(junk));
    }
}
