package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.tf2torch.ir.json.Json;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Parses the report files of a validate run and checks the structure CI systems and people rely on. */
final class ReportFiles {
    private ReportFiles() {}

    static Map<String, Object> json(Path file) throws IOException {
        Map<String, Object> m = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        assertTrue(m.containsKey("schema_version"), "JSON report has a schema_version");
        assertTrue(m.get("backends") instanceof java.util.List, "JSON report lists backends");
        assertTrue(m.containsKey("divergence"), "JSON report has a divergence entry (null when none)");
        return m;
    }

    /** The JUnit document; checks that the failure counts agree with the failure elements. */
    static Document junit(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(file.toFile());
        assertEquals("testsuites", d.getDocumentElement().getTagName());
        NodeList suites = d.getElementsByTagName("testsuite");
        assertTrue(suites.getLength() > 0, "at least one testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            int tests = Integer.parseInt(s.getAttribute("tests"));
            int failures = Integer.parseInt(s.getAttribute("failures"));
            assertEquals(tests, s.getElementsByTagName("testcase").getLength(), "tests= counts the testcases");
            assertEquals(failures, s.getElementsByTagName("failure").getLength(), "failures= counts the failures");
        }
        return d;
    }

    static int failures(Document junit) { return junit.getElementsByTagName("failure").getLength(); }

    /** A self-contained page: one html/head/body, a title, no scripts or outside resources, tags balanced. */
    static String html(Path file) throws IOException {
        String h = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(h.startsWith("<!DOCTYPE html>"), "starts with the HTML5 doctype");
        for (String tag : new String[] {"html", "head", "body", "title", "table"}) {
            assertTrue(h.contains("<" + tag), "has <" + tag + ">");
            assertEquals(count(h, "<" + tag + "[ >]"), count(h, "</" + tag + ">"), "<" + tag + "> is closed");
        }
        assertTrue(!h.contains("<script") && !h.contains("src=\"http") && !h.contains("href=\"http"),
                "no scripts and nothing loaded from elsewhere");
        return h;
    }

    private static int count(String s, String regex) {
        return (int) java.util.regex.Pattern.compile(regex).matcher(s).results().count();
    }
}
