package org.tf2torch.validation.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tf2torch.validation.TestEnv;
import org.tf2torch.validation.io.NdArray;

class PythonRunnerTest {
    @Test
    void findsPythonWithTorchAndCachesTheAnswer() {
        PythonRunner python = TestEnv.python();
        System.out.println("python: " + python.python());
        assertFalse(python.python().torchVersion().isEmpty());
        PythonProbe.PythonInfo first = PythonProbe.require(python.python().executable());
        assertEquals(python.python(), first);
        // A cached answer is the same object; a second probe would have started python again.
        org.junit.jupiter.api.Assertions.assertSame(first, PythonProbe.require(python.python().executable()));
        RunnerException e = assertThrows(RunnerException.class, () -> PythonProbe.require("/no/such/python"));
        assertTrue(e.getMessage().contains("/no/such/python"), e.getMessage());
    }

    @Test
    void runsModelPyWithSafetensorsKeepingDictOrder() throws Exception {
        Path module = TorchModels.dir().resolve("module");
        long t0 = System.nanoTime();
        NamedOutputs out = TestEnv.python().runModule(module, "TinyNet", TorchModels.inputs("x", "scale"));
        System.out.printf("python model.py run %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        assertEquals(List.of("probs", "logits"), out.names());
        assertEquals(TorchModels.expected("module"), out.values());
        assertFalse(Files.exists(module.resolve("__pycache__")), "the driver must not litter the model folder");
    }

    @Test
    void runsModelPyWithATorchSaveStateDictAndKeywordInputs() throws Exception {
        Map<String, NdArray> kw = new LinkedHashMap<>();
        kw.put("scale", TorchModels.input("scale"));
        kw.put("x", TorchModels.input("x"));
        // no class name: the driver picks model.py's only nn.Module subclass
        NamedOutputs out = TestEnv.python().runModule(TorchModels.dir().resolve("module_pt"), null, kw);
        assertEquals(TorchModels.expected("module"), out.values());
    }

    @Test
    void runsTorchScriptArchives() throws Exception {
        Path ts = TorchModels.dir().resolve("ts");
        PythonRunner python = TestEnv.python();
        NamedOutputs tensor = python.runTorchScript(ts.resolve("tensor.pt"), TorchModels.inputs("m"));
        assertEquals(List.of("output"), tensor.names());
        assertEquals(TorchModels.expected("tensor"), tensor.values());
        NamedOutputs tuple = python.runTorchScript(ts.resolve("tuple.pt"), TorchModels.inputs("x"));
        assertEquals(List.of("output_0", "output_1"), tuple.names());
        NamedOutputs dict = python.runTorchScript(ts.resolve("dict.pt"), TorchModels.inputs("x"));
        assertEquals(List.of("zeta", "alpha", "mid", "beta", "omega", "k"), dict.names());
        assertEquals(TorchModels.expected("dict"), dict.values());
        NamedOutputs types = python.runTorchScript(ts.resolve("types.pt"),
                TorchModels.inputs("a", "b", "d", "e", "f", "g", "h"));
        assertEquals(TorchModels.expected("types"), types.values());
        assertEquals(TorchModels.expected("short_in"),
                python.runTorchScript(ts.resolve("short_in.pt"), TorchModels.inputs("c")).values());
        assertEquals(TorchModels.expected("short_out"),
                python.runTorchScript(ts.resolve("short_out.pt"), TorchModels.inputs("h")).values());
    }

    @Test
    void checksWhetherAModuleScripts() throws Exception {
        PythonRunner python = TestEnv.python();
        assertTrue(python.scripts(TorchModels.dir().resolve("module"), "TinyNet"));
        Optional<String> error = python.scriptError(TorchModels.dir().resolve("unscriptable"), "Loose");
        assertTrue(error.isPresent());
        System.out.println("script error: " + error.get().lines().findFirst().orElse(""));
        assertFalse(python.scripts(TorchModels.dir().resolve("unscriptable"), null));
    }

    @Test
    void turnsPythonErrorsIntoClearMessages() throws Exception {
        PythonRunner python = TestEnv.python();
        RunnerException broken = assertThrows(RunnerException.class,
                () -> python.runModule(TorchModels.dir().resolve("broken"), null, List.of()));
        assertTrue(broken.getMessage().contains("RuntimeError: boom from model.py"), broken.getMessage());
        assertTrue(broken.getMessage().contains("Traceback"), "stderr tail is kept");
        RunnerException wrongClass = assertThrows(RunnerException.class,
                () -> python.runModule(TorchModels.dir().resolve("module"), "Nope", TorchModels.inputs("x")));
        assertTrue(wrongClass.getMessage().contains("'Nope'"), wrongClass.getMessage());
        RunnerException badInputs = assertThrows(RunnerException.class,
                () -> python.runModule(TorchModels.dir().resolve("module"), "TinyNet", TorchModels.inputs("x")));
        assertTrue(badInputs.getMessage().contains("scale"), badInputs.getMessage());
    }
}
