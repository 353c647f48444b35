package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tf2torch.cli.zoo.CaseResult;
import org.tf2torch.cli.zoo.Progress;

/** A bar redrawn in place on a terminal; plain periodic lines elsewhere, counting what an earlier run did. */
class ZooProgressTest {
    private static CaseResult r(String id, CaseResult.Status s) {
        return new CaseResult(id, s, null, List.of(), "", 0.1);
    }

    @Test
    void terminalGetsABarRedrawnInPlace() {
        StringWriter sw = new StringWriter();
        Progress p = new Progress(new PrintWriter(sw), true, 10, 3, List.of(r("a", CaseResult.Status.PASS)));
        p.accept(r("b", CaseResult.Status.ERROR));
        p.accept(r("c", CaseResult.Status.PASS));
        String s = sw.toString();
        assertTrue(s.startsWith("\r["), s);
        assertTrue(s.contains("[########################] 3/3 cases (100%), 2 pass, 1 not pass"), s);
        assertTrue(s.contains("cases/s, ETA"), s);
        assertTrue(s.endsWith("\u001b[K\n"), "the last redraw ends the line");
    }

    @Test
    void logsGetPlainLinesAtIntervalsAndAtTheEnd() {
        StringWriter sw = new StringWriter();
        Progress p = new Progress(new PrintWriter(sw), false, 3600, 4, List.of());
        for (String id : List.of("a", "b", "c", "d")) p.accept(r(id, CaseResult.Status.PASS));
        String[] lines = sw.toString().split("\n");
        assertEquals(1, lines.length, "one line per interval plus the final one: " + sw);
        assertTrue(lines[0].startsWith("4/4 cases (100%), 4 pass, 0 not pass"), lines[0]);
        assertTrue(!sw.toString().contains("\r") && !sw.toString().contains("\u001b"));
    }
}
