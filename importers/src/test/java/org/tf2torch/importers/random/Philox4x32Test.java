package org.tf2torch.importers.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Known-answer vectors of Philox4x32-10 from Random123's kat_vectors, and TF's counter handling. */
class Philox4x32Test {
    @Test
    void random123KnownAnswers() {
        assertArrayEquals(words(0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8),
                Philox4x32.block(words(0, 0, 0, 0), words(0, 0)));
        assertArrayEquals(words(0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd),
                Philox4x32.block(words(-1, -1, -1, -1), words(-1, -1)));
        assertArrayEquals(words(0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1),
                Philox4x32.block(words(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344), words(0xa4093822, 0x299f31d0)));
    }

    @Test
    void seedIsTheKeyAndSeed2TheCounterHighWords() {
        Philox4x32 g = new Philox4x32(0x299f31d0a4093822L, 0x0370734413198a2eL);
        assertArrayEquals(words(0, 0, 0x13198a2e, 0x03707344), g.counter());
        int[] first = g.next();
        assertArrayEquals(Philox4x32.block(words(0, 0, 0x13198a2e, 0x03707344), words(0xa4093822, 0x299f31d0)), first);
        assertArrayEquals(words(1, 0, 0x13198a2e, 0x03707344), g.counter());
    }

    @Test
    void nextAndSkipCarryAcrossWords() {
        Philox4x32 g = new Philox4x32(words(-1, -1, -1, 0), words(1, 2));
        g.next();
        assertArrayEquals(words(0, 0, 0, 1), g.counter());

        Philox4x32 s = new Philox4x32(words(-2, 5, 0, 0), words(1, 2));
        s.skip(3);
        assertArrayEquals(words(1, 6, 0, 0), s.counter());
        s.skip(0xffffffffL << 32);
        assertArrayEquals(words(1, 5, 1, 0), s.counter());
    }

    @Test
    void copyIsIndependent() {
        Philox4x32 g = new Philox4x32(7, 9);
        Philox4x32 c = g.copy();
        int[] a = g.next();
        assertArrayEquals(a, c.next());
        assertArrayEquals(g.counter(), c.counter());
    }

    private static int[] words(int... w) { return w; }
}
