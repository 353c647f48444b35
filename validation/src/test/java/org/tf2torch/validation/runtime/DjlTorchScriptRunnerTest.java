package org.tf2torch.validation.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.io.NdArray;

/** TorchScript archives written by torch 1.13, run by DJL's libtorch 2.5.1 in this JVM. */
class DjlTorchScriptRunnerTest {
    private static Path archive(String name) throws Exception {
        return TorchModels.dir().resolve("ts").resolve(name + ".pt");
    }

    @Test
    void reportsTheLibtorchItLoaded() {
        String v = DjlTorchScriptRunner.libtorchVersion();
        System.out.println("DJL libtorch " + v + ", threads " + System.getProperty("ai.djl.pytorch.num_threads"));
        assertTrue(v.startsWith("2."), v);
        assertEquals("true", System.getProperty("ai.djl.offline"));
    }

    @Test
    void runsASingleTensorModelWithANonContiguousResult() throws Exception {
        long t0 = System.nanoTime();
        try (DjlTorchScriptRunner djl = DjlTorchScriptRunner.open(archive("tensor"))) {
            long t1 = System.nanoTime();
            List<NdArray> out = djl.run(TorchModels.inputs("m"));
            long t2 = System.nanoTime();
            for (int i = 0; i < 20; i++) djl.run(TorchModels.inputs("m"));
            long t3 = System.nanoTime();
            System.out.printf("DJL load %.0f ms, first forward %.1f ms, warm forward %.2f ms%n", (t1 - t0) / 1e6,
                    (t2 - t1) / 1e6, (t3 - t2) / 20e6);
            NdArray want = TorchModels.expected("tensor").get(0);
            assertEquals(1, out.size());
            assertArrayEquals(new long[] {3, 5}, out.get(0).shape());
            assertTrue(out.get(0).allClose(want, 1e-6, 1e-6), out.get(0) + " vs " + want);
            assertEquals(List.of("output"), djl.runNamed(TorchModels.inputs("m")).names());
        }
    }

    @Test
    void flattensTupleResultsInOrder() throws Exception {
        try (DjlTorchScriptRunner djl = DjlTorchScriptRunner.open(archive("tuple"))) {
            NamedOutputs out = djl.runNamed(TorchModels.inputs("x"));
            assertEquals(List.of("output_0", "output_1"), out.names());
            assertEquals(TorchModels.expected("tuple"), out.values());
            assertEquals(DType.I64, out.get(1).dtype());
        }
    }

    /** DJL names dict results by key but hands them back in hash order, not the dict's. */
    @Test
    void namesDictResultsByKey() throws Exception {
        try (DjlTorchScriptRunner djl = DjlTorchScriptRunner.open(archive("dict"))) {
            NamedOutputs out = djl.runNamed(TorchModels.inputs("x"));
            List<String> keys = List.of("zeta", "alpha", "mid", "beta", "omega", "k");
            System.out.println("DJL dict output order: " + out.names() + " (module returns " + keys + ")");
            assertEquals(Set.copyOf(keys), Set.copyOf(out.names()));
            List<NdArray> want = TorchModels.expected("dict");
            for (int i = 0; i < keys.size(); i++) {
                assertTrue(out.get(keys.get(i)).allClose(want.get(i), 1e-6, 1e-6), keys.get(i));
            }
        }
    }

    @Test
    void passesEveryDTypeThrough() throws Exception {
        try (DjlTorchScriptRunner djl = DjlTorchScriptRunner.open(archive("types"))) {
            List<NdArray> in = TorchModels.inputs("a", "b", "d", "e", "f", "g", "h");
            List<NdArray> out = djl.run(in);
            List<NdArray> want = TorchModels.expected("types");
            assertEquals(want.size(), out.size());
            for (int i = 0; i < want.size(); i++) {
                assertEquals(in.get(i).dtype(), out.get(i).dtype(), "output " + i);
                assertEquals(want.get(i), out.get(i), "output " + i + " (" + want.get(i).dtype() + ")");
            }
        }
    }

    /** DJL 0.33 aborts the JVM when handed int16 or bfloat16, so the runner must refuse them first. */
    @Test
    void refusesTypesDjlCannotHandleWithoutCrashing() throws Exception {
        try (DjlTorchScriptRunner djl = DjlTorchScriptRunner.open(archive("short_in"))) {
            RunnerException e = assertThrows(RunnerException.class, () -> djl.run(TorchModels.inputs("c")));
            assertTrue(e.getMessage().contains("int16"), e.getMessage());
            NdArray bf16 = NdArray.ofDoubles(DType.BF16, new double[] {1});
            assertThrows(RunnerException.class, () -> djl.run(List.of(bf16)));
        }
        try (DjlTorchScriptRunner djl = DjlTorchScriptRunner.open(archive("short_out"))) {
            RunnerException e = assertThrows(RunnerException.class, () -> djl.run(TorchModels.inputs("h")));
            assertTrue(e.getMessage().contains("int16"), e.getMessage());
        }
    }

    @Test
    void runsTheScriptedModuleWithItsWeights() throws Exception {
        try (DjlTorchScriptRunner djl = DjlTorchScriptRunner.open(archive("module"))) {
            NamedOutputs out = djl.runNamed(TorchModels.inputs("x", "scale"));
            List<NdArray> want = TorchModels.expected("module");
            assertTrue(out.get("probs").allClose(want.get(0), 1e-6, 1e-7));
            assertTrue(out.get("logits").allClose(want.get(1), 1e-6, 1e-6));
        }
    }

    @Test
    void reportsLibtorchErrors() throws Exception {
        try (DjlTorchScriptRunner djl = DjlTorchScriptRunner.open(archive("tuple"))) {
            RunnerException e = assertThrows(RunnerException.class, () -> djl.run(TorchModels.inputs("x", "m")));
            System.out.println("DJL error: " + e.getMessage().lines().findFirst().orElse(""));
            assertTrue(e.getMessage().contains("forward"), e.getMessage());
        }
        assertThrows(java.io.IOException.class, () -> DjlTorchScriptRunner.open(Path.of("/no/such/model.pt")));
    }
}
