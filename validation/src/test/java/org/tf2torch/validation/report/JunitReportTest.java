package org.tf2torch.validation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportTest {
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document d, String tag) {
        NodeList l = d.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) out.add((Element) l.item(i));
        return out;
    }

    @Test
    void cleanResultIsAllPassing() throws Exception {
        Document d = parse(JunitReport.toXml(ReportFixtures.clean(), ReportFixtures.env()));
        Element root = d.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("0", root.getAttribute("failures"));
        List<String> names = elements(d, "testcase").stream().map(e -> e.getAttribute("name")).toList();
        assertEquals(List.of("load", "run", "shape: logits", "values: logits"), names);
        assertEquals("tf2torch.torchscript-djl", elements(d, "testcase").get(0).getAttribute("classname"));
    }

    @Test
    void hostileNamesStayWellFormedAndCountsAdd() throws Exception {
        String xml = JunitReport.toXml(ReportFixtures.hostile(), ReportFixtures.env());
        Document d = parse(xml);
        assertTrue(!xml.contains("\u0000") && !xml.contains("\u001b"), "raw control characters in the XML");
        List<Element> cases = elements(d, "testcase");
        Element root = d.getDocumentElement();
        assertEquals(Integer.toString(cases.size()), root.getAttribute("tests"));
        assertEquals(Integer.toString(elements(d, "failure").size()), root.getAttribute("failures"));
        assertEquals(Integer.toString(elements(d, "error").size()), root.getAttribute("errors"));
        assertEquals(Integer.toString(elements(d, "skipped").size()), root.getAttribute("skipped"));
        String expectedName = "values: " + ReportFixtures.HOSTILE.replace("\u0000", "\\u0000")
                .replace("\u001b", "\\u001b");
        Element values = cases.stream().filter(e -> e.getAttribute("name").equals(expectedName)).findFirst()
                .orElseThrow(() -> new AssertionError("no values testcase for the hostile output"));
        Element failure = (Element) values.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").startsWith("2 of 8 elements outside"),
                failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("first divergence at TF node"), failure.getTextContent());
        assertTrue(failure.getTextContent().contains("sample 1: ok"), failure.getTextContent());
        List<String> suites = elements(d, "testsuite").stream().map(e -> e.getAttribute("name")).toList();
        assertEquals(4, suites.size()); // three backends and bench
        assertEquals("tf2torch.bench", suites.get(3));
        assertEquals(1, elements(d, "skipped").stream()
                .filter(e -> e.getAttribute("message").startsWith("no Python with torch")).count());
        Element shape = cases.stream().filter(e -> e.getAttribute("name").equals("shape: shape_out")).findFirst()
                .orElseThrow();
        assertEquals(1, shape.getElementsByTagName("failure").getLength());
        Element load = cases.stream().filter(e -> ((Element) e.getParentNode()).getAttribute("name")
                .startsWith("tf2torch.<script>")).findFirst().orElseThrow();
        assertEquals(1, load.getElementsByTagName("error").getLength());
        Element bench = cases.stream().filter(e -> e.getAttribute("name").equals("bench: torchscript-djl"))
                .findFirst().orElseThrow();
        assertTrue(((Element) bench.getElementsByTagName("failure").item(0)).getAttribute("message")
                .contains("--max-slowdown"));
    }
}
