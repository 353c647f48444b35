package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.cli.zoo.CaseResult;
import org.tf2torch.cli.zoo.ManifestException;
import org.tf2torch.cli.zoo.ZooCase;
import org.tf2torch.cli.zoo.ZooManifest;

/** Manifests: every field read, defaults applied, schema errors naming the line and the field. */
class ZooManifestTest {
    @TempDir
    Path tmp;

    private Path manifest(String yaml) throws Exception {
        Path corpus = Corpus.root().toAbsolutePath();
        Path f = tmp.resolve("zoo.yaml");
        Files.writeString(f, yaml.replace("CORPUS", corpus.toString()), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void readsEveryField() throws Exception {
        Path f = manifest("""
                version: 1
                defaults:
                  tolerances: {rtol: 1e-3}
                  tags: [corpus]
                models:
                  - path: CORPUS/savedmodels/tfnet-lstm
                    id: lstm
                    format: savedmodel
                    signature: serving_default
                    dims: {batch: 2, seq: 5}
                    tolerances: {rtol: 1e-3, atol: 1e-4}
                    tags: [keras, rnn]
                  - path: CORPUS/tf-ops/abs/rank2_float32
                    expect: pass
                """);
        List<ZooCase> cases = ZooManifest.read(f);
        assertEquals(2, cases.size());
        ZooCase abs = cases.get(0);
        assertTrue(abs.id().endsWith("tf-ops/abs/rank2_float32"), abs.id());
        assertTrue(abs.caseJson() != null && abs.model() == null);
        assertEquals(CaseResult.Status.PASS, abs.spec().expect());
        assertEquals(List.of("corpus"), abs.spec().tags());
        assertEquals(1e-3, abs.spec().rtol());
        ZooCase lstm = cases.get(1);
        assertEquals("lstm", lstm.id());
        assertEquals(Map.of("batch", 2L, "seq", 5L), lstm.spec().dims());
        assertEquals(1e-4, lstm.spec().atol());
        assertEquals(List.of("keras", "rnn"), lstm.spec().tags());
        assertEquals("serving_default", lstm.spec().signature());
        assertNull(lstm.spec().expect());
    }

    @Test
    void schemaErrorsNameLineAndField() throws Exception {
        assertError("models:\n  - path: CORPUS/tf-ops/abs/rank2_float32\n    expct: pass\n", ":3:", "models[0].expct",
                "not a known field");
        assertError("models:\n  - path: CORPUS/tf-ops/abs/rank2_float32\n    dims: {batch: two}\n", ":3:",
                "models[0].dims.batch", "size >= 0");
        assertError("models:\n  - id: x\n", ":2:", "models[0].path", "is missing");
        assertError("models:\n  - path: CORPUS/nope\n", ":2:", "models[0].path", "does not exist");
        assertError("models:\n  - path: CORPUS/tf-ops/abs/rank2_float32\n    expect: fine\n", ":3:",
                "models[0].expect", "pass, mismatch");
        assertError("models:\n  - path: CORPUS/tf-ops/abs/rank2_float32\n    tolerances: {rtol: -1}\n", ":3:",
                "models[0].tolerances.rtol", ">= 0");
        assertError("version: 2\nmodels: []\n", ":1:", "version", "only version 1");
        assertError("models:\n  - path: CORPUS/tf-ops/abs/rank2_float32\n  - path: CORPUS/tf-ops/abs/rank2_float32\n",
                ":3:", "models[1].id", "earlier model");
        assertError("models: [\n", ":", "not valid YAML", "");
    }

    private void assertError(String yaml, String line, String field, String problem) throws Exception {
        Path f = manifest(yaml);
        ManifestException e = assertThrows(ManifestException.class, () -> ZooManifest.read(f));
        String m = e.getMessage();
        assertTrue(m.startsWith(f + line) && m.contains(field) && m.contains(problem), m);
    }

    @Test
    void zooRunsAManifest() throws Exception {
        Path f = manifest("""
                models:
                  - path: CORPUS/tf-ops/abs/rank2_float32
                    expect: pass
                    tags: [math]
                  - path: CORPUS/tf-ops/zeta_rank3
                    expect: unsupported
                    tags: [special]
                  - path: CORPUS/tf-ops/abs/rank2_float64
                    expect: unsupported
                    tags: [math]
                """);
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("zoo", f.toString(), "-o", out.toString(), "-j", "1", "--tags", "math");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> s = ZooTestSupport.summary(out);
        List<?> cases = (List<?>) s.get("cases");
        assertEquals(2, cases.size(), "--tags math selects two models");
        assertEquals(1L, s.get("unexpected"), "rank2_float64 passes though the manifest expects unsupported");
        Map<?, ?> c = (Map<?, ?>) cases.get(1);
        assertEquals("unsupported", c.get("expect"));
        assertEquals(false, c.get("as_expected"));

        CliRunner.Result bad = CliRunner.run("zoo", manifest("models:\n  - path: 3\n").toString(), "-o", out.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains(":2: models[0].path"), bad.err());
    }
}
