package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code check MODEL --reference case.json} on corpus cases: the stored inputs and TF outputs stand in for running
 * TensorFlow, and the reports written from such a run parse.
 */
class CorpusReferenceTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mlp_00", "bias_add", "cnn2d_nn/nhwc_b2_k3_s1_d1_SAME", "cnn2d_nn/nchw_b1_k2_s2_SAME"})
    void passesAgainstStoredReference(String name) throws Exception {
        Path c = Corpus.root().resolve("tf-ops").resolve(name);
        Path json = tmp.resolve("r.json");
        Path junit = tmp.resolve("r.xml");
        CliRunner.Result r = CliRunner.run("check", c.resolve("model.pb").toString(), "--reference",
                c.resolve("case.json").toString(), "--json", json.toString(), "--junit", junit.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        Map<String, Object> report = ReportFiles.json(json);
        assertTrue(report.get("inputs").toString().contains("case.json"), "the inputs came from the case: " + report.get("inputs"));
        List<?> backends = (List<?>) report.get("backends");
        assertTrue(backends.stream().anyMatch(b -> "pass".equals(((Map<?, ?>) b).get("status"))
                || Boolean.TRUE.equals(((Map<?, ?>) b).get("passed"))), "a backend passed: " + backends);
        assertEquals(0, ReportFiles.failures(ReportFiles.junit(junit)));
    }
}
