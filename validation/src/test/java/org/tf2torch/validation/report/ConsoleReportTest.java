package org.tf2torch.validation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {
    @Test
    void oneLinePerOutputAndNoColourUnlessAsked() {
        String plain = ConsoleReport.render(ReportFixtures.clean(), false);
        assertFalse(plain.contains("\u001b"));
        assertEquals(1, Arrays.stream(plain.split("\n")).filter(l -> l.contains("logits")).count());
        assertTrue(plain.contains("[PASS] torchscript-djl  logits  f32[2,2]"), plain);
        assertTrue(plain.endsWith("PASS: pass (exit status 0)\n"), plain);
        String coloured = ConsoleReport.render(ReportFixtures.clean(), true);
        assertTrue(coloured.contains("\u001b[32m[PASS]\u001b[0m"), coloured);
    }

    @Test
    void hostileNamesCannotWriteEscapes() {
        String plain = ConsoleReport.render(ReportFixtures.hostile(), false);
        assertFalse(plain.contains("\u001b"), "a name wrote an escape sequence");
        assertFalse(plain.contains("\u202e"));
        assertFalse(plain.contains("\u0000"));
        assertTrue(plain.contains("[SKIP] python-eager"), plain);
        assertTrue(plain.contains("did not load"), plain);
        assertTrue(plain.contains("exceeds --max-slowdown 1.5"), plain);
        assertTrue(plain.contains("shape f32[3] differs from TensorFlow's f32[2,1]"), plain);
        assertTrue(plain.endsWith("FAIL: conversion failed (exit status 2)\n"), plain);
    }
}
