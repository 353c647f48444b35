package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * summary.html is self-contained and complete: a row per case linking to an existing report, the outcome chart,
 * no external reference; and headless Chromium renders it and runs its script without an error.
 */
class ZooSummaryHtmlTest {
    @TempDir
    Path tmp;

    private Path run() throws Exception {
        Path out = tmp.resolve("zoo");
        CliRunner.Result r = CliRunner.run("zoo", Corpus.root().resolve("tf-ops").toString(), "-o", out.toString(),
                "--filter", "g", "-j", "1");
        assertEquals(0, r.exit(), r.err());
        return out;
    }

    @Test
    void structure() throws Exception {
        Path out = run();
        Path html = out.resolve("summary.html");
        String text = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(!text.contains("http://") || text.indexOf("http://") == text.indexOf("http://www.w3.org/2000/svg"),
                "no external reference");
        assertTrue(!text.contains("https://") && !text.contains(" src="), "no external reference");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        Document d = f.newDocumentBuilder().parse(html.toFile());
        int cases = ((List<?>) ZooTestSupport.summary(out).get("cases")).size();
        Element table = byId(d, "cases");
        NodeList rows = ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        assertEquals(cases, rows.getLength());
        List<String> headers = new ArrayList<>();
        NodeList th = table.getElementsByTagName("th");
        for (int i = 0; i < th.getLength(); i++) headers.add(th.item(i).getTextContent());
        assertEquals(List.of("Case", "Status", "Expected", "Max abs err", "Speed ratio", "Parameters", "Time (s)",
                "Detail"), headers);
        NodeList links = table.getElementsByTagName("a");
        assertEquals(cases, links.getLength());
        for (int i = 0; i < links.getLength(); i++) {
            String href = ((Element) links.item(i)).getAttribute("href");
            assertTrue(Files.isRegularFile(out.resolve(href)), "link to a missing report: " + href);
        }
        assertEquals(4, d.getElementsByTagName("rect").getLength(), "one bar per outcome");
        assertEquals(1, d.getElementsByTagName("script").getLength());
    }

    @Test
    void rendersInHeadlessChromium() throws Exception {
        String chromium = null;
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(c))) chromium = c;
        }
        if (chromium == null) {
            if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI needs Debian's chromium package");
            Assumptions.abort("SKIPPED: no chromium installed");
        }
        Path out = run();
        String url = out.resolve("summary.html").toUri().toString();
        Path png = tmp.resolve("summary.png");
        List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + tmp.resolve("profile"), "--enable-logging=stderr", "--v=0");
        String[] dom = exec(concat(common, "--dump-dom", url));
        int cases = ((List<?>) ZooTestSupport.summary(out).get("cases")).size();
        assertTrue(dom[0].contains("data-ready=\"" + cases + "\""), "the script ran to its end:\n" + dom[1]);
        assertTrue(!dom[1].contains("Uncaught"), dom[1]);
        String[] shot = exec(concat(common, "--screenshot=" + png, "--window-size=1200,900", url));
        assertTrue(Files.size(png) > 10_000, "a screenshot with content: " + shot[1]);
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(List.of(b));
        return l;
    }

    private static String[] exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try (InputStream in = p.getErrorStream()) {
                in.transferTo(err);
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished");
        t.join();
        return new String[] {out, err.toString(StandardCharsets.UTF_8)};
    }

    private static Element byId(Document d, String id) {
        NodeList all = d.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) return e;
        }
        throw new AssertionError("no element #" + id);
    }
}
