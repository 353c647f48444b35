package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tf2torch.exporters.pytorch.ops.Emitters;
import org.tf2torch.ir.Op;

/** The sanitizer, the scopes built on it, the escaper, and the emitter registry's coverage of the op set. */
class PyNamesTest {
    @Test
    void identifiersAreSanitized() {
        assertEquals("dense_kernel", PyNames.identifier("dense/kernel"));
        assertEquals("dense_kernel_0", PyNames.identifier("dense//kernel:0"));
        assertEquals("init", PyNames.identifier("__init__"));
        assertEquals("v_1abc", PyNames.identifier("1abc"));
        assertEquals("v", PyNames.identifier(""));
        assertEquals("v", PyNames.identifier("\u00e9/\u00fc"));
        assertEquals("x_import_os_system_rm", PyNames.identifier("x\"); __import__('os').system('rm');"));
        assertTrue(PyNames.identifier("a".repeat(500)).length() <= PyNames.MAX_LENGTH);
    }

    @Test
    void scopesKeepNamesUniqueAndClearOfReservedOnes() {
        NameScope attrs = NameScope.forAttributes();
        List<String> got = new ArrayList<>();
        for (String raw : List.of("a.b", "a_b", "a/b", "training", "forward", "class", "parameters", "_parameters",
                "self", "Tensor", "training_")) {
            got.add(attrs.claim(raw));
        }
        assertEquals(List.of("a_b", "a_b_2", "a_b_3", "training_", "forward_", "class_", "parameters_",
                "parameters_2", "self_", "Tensor_", "training_2"), got);
        assertEquals(got.size(), new HashSet<>(got).size());

        NameScope locals = NameScope.forLocals();
        assertEquals("torch_", locals.claim("torch"));
        assertEquals("F_", locals.claim("F"));
        assertEquals("x", locals.claim("x"));
        assertEquals("x_2", locals.claim("x"));
        // 'training' is only an attribute name; as a local it is fine.
        assertEquals("training", locals.claim("training"));
    }

    @Test
    void classNamesAreCamelCase() {
        assertEquals("MnistCnn", PyNames.className("mnist_cnn"));
        assertEquals("MyNet", PyNames.className("MyNet"));
        assertEquals("Model3d", PyNames.className("3d"));
        assertEquals("Model", PyNames.className("\"\n"));
        assertEquals("Model", PyNames.className("tensor"));
        assertEquals("Model", PyNames.className(null));
        assertEquals("my_net", PyNames.className("my_net", "graph"));
        assertEquals("Graph", PyNames.className(null, "graph"));
        assertEquals("Torch", PyNames.className("torch", "graph"));
        assertEquals("Model", PyNames.className("Tensor", "graph"));
    }

    @Test
    void literalsEscapeForBothLexers() {
        assertEquals("\"plain\"", PyStrings.literal("plain"));
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\015f\\000g\\177\"", PyStrings.literal("a\"b\\c\nd\te\rf\u0000g\u007f"));
        assertEquals("\"\\\"\\\"\\\"\"", PyStrings.literal("\"\"\""));
        assertEquals("\"\u00e9\u2028\ud83d\ude00\"", PyStrings.literal("\u00e9\u2028\ud83d\ude00"));
        assertThrows(IllegalArgumentException.class, () -> PyStrings.literal("bad \ud800 surrogate"));
    }

    @Test
    void commentsAreOneLineOfAscii() {
        String c = PyStrings.quotedComment("n\n__import__('os')\r\u202e \ud800");
        assertFalse(c.contains("\n") || c.contains("\r"));
        assertTrue(c.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f), c);
        assertEquals("\"n\\n__import__('os')\\015\\u202e \\ufffd\"", c);
    }

    @Test
    void everyOpHasAnEmitterOrIsASource() {
        Set<Op> covered = EnumSet.noneOf(Op.class);
        covered.addAll(Emitters.registered());
        covered.addAll(Emitters.SOURCES);
        assertEquals(EnumSet.allOf(Op.class), covered);
    }
}
