package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.fixtures.Fixture;
import org.tf2torch.fixtures.Fixtures;
import org.w3c.dom.Document;

/**
 * The validation acceptance: a correct conversion of the CNN fixture passes with well-formed reports, and one with a
 * single conv2d_1 kernel element changed (in the weights file and the TorchScript archive alike) exits 3 and names
 * conv2d_1's Conv2D as the first node whose value differs. The fixture is a TF1-style graph, so TF can fetch every
 * intermediate tensor.
 */
class DivergenceAcceptanceTest {
    @TempDir
    static Path tmp;
    static CliRunner.Result good;
    static CliRunner.Result broken;

    @BeforeAll
    static void validateGoodAndBroken() throws Exception {
        Path model = Fixtures.buildCached(Fixture.CNN);
        Path goodDir = tmp.resolve("good");
        assertEquals(0, CliRunner.run("convert", model.toString(), "-o", goodDir.toString()).exit());
        good = validate(goodDir, "good");
        Path badDir = tmp.resolve("broken");
        assertEquals(0, CliRunner.run("convert", model.toString(), "-o", badDir.toString()).exit());
        BreakWeights.addOne(badDir, "conv2d_1.weight", 5);
        broken = validate(badDir, "broken");
    }

    private static CliRunner.Result validate(Path dir, String name) {
        return CliRunner.run("validate", dir.toString(), "--samples", "1", "--json", report(name, "json"),
                "--junit", report(name, "xml"), "--html", report(name, "html"));
    }

    private static String report(String name, String ext) { return tmp.resolve(name + "." + ext).toString(); }

    @Test
    void correctConversionPassesWithWellFormedReports() throws Exception {
        assertEquals(0, good.exit(), good.out() + good.err());
        Map<String, Object> json = ReportFiles.json(Path.of(report("good", "json")));
        assertNull(json.get("divergence"));
        assertEquals(0, ReportFiles.failures(ReportFiles.junit(Path.of(report("good", "xml")))));
        assertTrue(!ReportFiles.html(Path.of(report("good", "html"))).contains("<h2>Divergence</h2>"));
    }

    @Test
    void changedWeightFailsWithExitThreeAndFailingReports() throws Exception {
        assertEquals(3, broken.exit(), broken.out() + broken.err());
        Document junit = ReportFiles.junit(Path.of(report("broken", "xml")));
        assertTrue(ReportFiles.failures(junit) > 0, "JUnit report has failures");
        String html = ReportFiles.html(Path.of(report("broken", "html")));
        assertTrue(html.contains("<h2>Divergence</h2>"), "HTML report shows the divergence");
    }

    @Test
    void divergenceNamesTheChangedConv() throws Exception {
        Map<?, ?> d = (Map<?, ?>) ReportFiles.json(Path.of(report("broken", "json"))).get("divergence");
        assertTrue(d != null, "a failing run reports a divergence");
        Corpus.python(); // model.py's intermediates need Python with torch; without it only the note below remains
        assertEquals("conv2d_1/Conv2D", d.get("tf_node"), String.valueOf(d));
        assertEquals("Conv2D", d.get("tf_op"));
        assertTrue(d.get("ir_node").toString().contains("(conv)"), String.valueOf(d));
        assertTrue(((Number) d.get("max_abs_err")).doubleValue() > 1e-3, String.valueOf(d));
        assertTrue(d.get("message").toString().contains("conv2d_1/BiasAdd:0"), "names the TF tensor compared: " + d);
        assertTrue(broken.out().contains("first divergence at TF node conv2d_1/Conv2D"), broken.out());
    }

    /** Looks at the page in a real browser when one is installed; CI does not need one. */
    @Test
    void htmlRendersInHeadlessChromium() throws Exception {
        String browser = null;
        for (String b : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (browser == null && Files.isExecutable(Path.of(dir, b))) browser = Path.of(dir, b).toString();
            }
        }
        Assumptions.assumeTrue(browser != null, "SKIPPED: no chromium on PATH; the HTML report is not rendered");
        Path png = tmp.resolve("broken.png");
        List<String> cmd = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--window-size=1200,1600", "--screenshot=" + png, Path.of(report("broken", "html")).toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertTrue(Files.isRegularFile(png) && Files.size(png) > 10_000, "chromium wrote a screenshot of the report");
    }
}
