package org.tf2torch.exporters.pytorch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PickleWriterTest {
    @TempDir
    Path dir;

    private static String hex(PickleWriter p) { return HexFormat.of().formatHex(p.toByteArray()); }

    @Test
    void integersUseTheShortestOpcode() {
        assertEquals("80024b00", hex(new PickleWriter().integer(0)));
        assertEquals("80024bff", hex(new PickleWriter().integer(255)));
        assertEquals("80024d0001", hex(new PickleWriter().integer(256)));
        assertEquals("80024a00000100", hex(new PickleWriter().integer(65536)));
        assertEquals("80024affffffff", hex(new PickleWriter().integer(-1)));
        assertEquals("80028a080000008000000000", hex(new PickleWriter().integer(1L << 31)));
        assertEquals("80028a08ffffff7fffffffff", hex(new PickleWriter().integer(-(1L << 31) - 1)));
        assertEquals("80028a080000000000000080", hex(new PickleWriter().integer(Long.MIN_VALUE)));
    }

    @Test
    void emptyTupleIsWhatTorchScriptConstantsHold() {
        assertArrayEquals(new byte[] {(byte) 0x80, 2, 0x29, 0x2e}, new PickleWriter().emptyTuple().stop().toByteArray());
        assertEquals("8002473ff8000000000000", hex(new PickleWriter().floating(1.5)));
    }

    @Test
    void pythonUnpicklesEveryOpcode() throws Exception {
        PickleWriter p = new PickleWriter();
        p.emptyDict().mark();
        p.string("ints").emptyList().mark();
        for (long v : new long[] {0, 255, 256, 65535, 65536, -1, Integer.MIN_VALUE, 1L << 31, Long.MAX_VALUE,
                Long.MIN_VALUE}) {
            p.integer(v);
        }
        p.appends();
        p.string("misc").beginTuple(5).bool(true).bool(false).none().floating(-0.1).string("é\"\n😀")
                .endTuple(5);
        p.string("small").beginTuple(3).emptyTuple().beginTuple(1).integer(1).endTuple(1)
                .beginTuple(2).integer(1).integer(2).endTuple(2).endTuple(3);
        p.string("od").global("collections", "OrderedDict").emptyTuple().reduce();
        p.string("ns").global("types", "SimpleNamespace").emptyTuple().newObj()
                .emptyDict().mark().string("x").integer(7).setItems().build();
        p.string("pid").mark().string("storage").integer(3).tuple().persistentId();
        p.setItems().stop();
        Path file = dir.resolve("p.pkl");
        Files.write(file, p.toByteArray());
        String script = """
                import sys, pickle, io
                class U(pickle.Unpickler):
                    def persistent_load(self, pid):
                        return ('loaded', pid)
                v = U(io.BytesIO(open(sys.argv[1], 'rb').read())).load()
                print(ascii(v))
                """;
        PythonCheck.assumeTorch();
        String expected = "{'ints': [0, 255, 256, 65535, 65536, -1, -2147483648, 2147483648, 9223372036854775807, "
                + "-9223372036854775808], 'misc': (True, False, None, -0.1, '\\xe9\"\\n\\U0001f600'), "
                + "'small': ((), (1,), (1, 2)), 'od': OrderedDict(), 'ns': namespace(x=7), "
                + "'pid': ('loaded', ('storage', 3))}";
        assertEquals(expected, PythonCheck.run(script, file.toString()).strip());
    }
}
