package org.tf2torch.validation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class HtmlReportTest {
    @TempDir
    Path tmp;

    @Test
    void selfContainedPageWithTablesAndCharts() throws Exception {
        Path f = tmp.resolve("r.html");
        HtmlReport.write(f, ReportFixtures.clean(), ReportFixtures.env());
        String html = Files.readString(f);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("http://") || html.contains("https://"), "network reference in the page");
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src="));
        Document d = JunitReportTest.parse(html); // the markup is well-formed XML
        assertEquals("html", d.getDocumentElement().getTagName());
        org.w3c.dom.Element head = (org.w3c.dom.Element) d.getElementsByTagName("head").item(0);
        assertEquals("tf2torch validation: /models/mlp", head.getElementsByTagName("title").item(0).getTextContent());
        assertTrue(d.getElementsByTagName("table").getLength() >= 3); // inputs, errors, environment
        assertEquals(1, d.getElementsByTagName("svg").getLength()); // one histogram, no bench
        assertTrue(d.getElementsByTagName("rect").getLength() > 0);
        assertTrue(d.getDocumentElement().getTextContent().contains("PASS"));
    }

    @Test
    void hostileNamesAreEscapedAndLatencyIsDrawn() throws Exception {
        String html = HtmlReport.toHtml(ReportFixtures.hostile(), ReportFixtures.env());
        assertFalse(html.contains("<script"), "markup from a name reached the page");
        assertFalse(html.contains("\u0000"));
        Document d = JunitReportTest.parse(html);
        String text = d.getDocumentElement().getTextContent();
        assertTrue(text.contains("<script>alert(\"x\")</script> & ]]>"), "hostile name not shown as text");
        assertTrue(text.contains("FAIL"));
        assertTrue(text.contains("did not load"));
        assertTrue(text.contains("first divergence"));
        // A histogram per output with compared values (the shape mismatch has none) plus the latency chart.
        assertEquals(3, d.getElementsByTagName("svg").getLength());
        assertTrue(text.contains("exceeded"));
    }
}
