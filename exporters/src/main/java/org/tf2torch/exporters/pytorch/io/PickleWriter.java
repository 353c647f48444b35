package org.tf2torch.exporters.pytorch.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Emits pickle protocol 2 opcodes, the subset PyTorch's readers accept: Python's restricted
 * {@code weights_only} unpickler and the C++ unpickler behind {@code torch.jit.load}. The caller drives the
 * stack machine opcode by opcode; no memo is written because neither reader needs one for a tree.
 * Pickles here hold structure only (tensor bytes go to separate records), so they are built in memory.
 */
public final class PickleWriter {
    private static final int PROTO = 0x80;
    private static final int GLOBAL = 'c';
    private static final int EMPTY_TUPLE = ')';
    private static final int TUPLE1 = 0x85;
    private static final int TUPLE2 = 0x86;
    private static final int TUPLE3 = 0x87;
    private static final int TUPLE = 't';
    private static final int EMPTY_DICT = '}';
    private static final int EMPTY_LIST = ']';
    private static final int MARK = '(';
    private static final int SETITEMS = 'u';
    private static final int APPENDS = 'e';
    private static final int BINUNICODE = 'X';
    private static final int BININT = 'J';
    private static final int BININT1 = 'K';
    private static final int BININT2 = 'M';
    private static final int LONG1 = 0x8a;
    private static final int NEWTRUE = 0x88;
    private static final int NEWFALSE = 0x89;
    private static final int NONE = 'N';
    private static final int BINFLOAT = 'G';
    private static final int REDUCE = 'R';
    private static final int BUILD = 'b';
    private static final int NEWOBJ = 0x81;
    private static final int BINPERSID = 'Q';
    private static final int STOP = '.';

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Starts the pickle with {@code PROTO 2}. */
    public PickleWriter() {
        out.write(PROTO);
        out.write(2);
    }

    /** Pushes {@code module.name}; both are written as text lines, so neither may hold a newline. */
    public PickleWriter global(String module, String name) {
        if (module.indexOf('\n') >= 0 || name.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("newline in global " + module + " " + name);
        }
        out.write(GLOBAL);
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public PickleWriter emptyTuple() { return op(EMPTY_TUPLE); }

    /**
     * Opens a tuple of {@code n} items: a MARK only for {@code n > 3}, since shorter tuples have their own
     * opcodes. Pair with {@link #endTuple(int)} after pushing the items.
     */
    public PickleWriter beginTuple(int n) { return n > 3 ? mark() : this; }

    /** Closes a tuple opened by {@link #beginTuple(int)} with the same {@code n}. */
    public PickleWriter endTuple(int n) {
        switch (n) {
            case 0: return op(EMPTY_TUPLE);
            case 1: return op(TUPLE1);
            case 2: return op(TUPLE2);
            case 3: return op(TUPLE3);
            default: return op(TUPLE);
        }
    }

    /** Builds a tuple from everything pushed since the last {@link #mark()}. */
    public PickleWriter tuple() { return op(TUPLE); }

    public PickleWriter emptyDict() { return op(EMPTY_DICT); }

    public PickleWriter emptyList() { return op(EMPTY_LIST); }

    public PickleWriter mark() { return op(MARK); }

    /** Adds the key/value pairs pushed since the last mark to the dict below the mark. */
    public PickleWriter setItems() { return op(SETITEMS); }

    /** Adds the items pushed since the last mark to the list below the mark. */
    public PickleWriter appends() { return op(APPENDS); }

    public PickleWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(BINUNICODE);
        writeLe(b.length, 4);
        out.writeBytes(b);
        return this;
    }

    /** Pushes an int with the shortest encoding libtorch reads: BININT1, BININT2, BININT, else 8-byte LONG1. */
    public PickleWriter integer(long v) {
        if (v >= 0 && v <= 0xff) {
            out.write(BININT1);
            out.write((int) v);
        } else if (v >= 0 && v <= 0xffff) {
            out.write(BININT2);
            writeLe(v, 2);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write(BININT);
            writeLe(v, 4);
        } else {
            // Always 8 bytes: libtorch's unpickler rejects any other LONG1 length; Python takes any.
            out.write(LONG1);
            out.write(8);
            writeLe(v, 8);
        }
        return this;
    }

    public PickleWriter bool(boolean v) { return op(v ? NEWTRUE : NEWFALSE); }

    public PickleWriter none() { return op(NONE); }

    /** Pushes a Python float; BINFLOAT is the one big-endian field in the format. */
    public PickleWriter floating(double v) {
        out.write(BINFLOAT);
        long bits = Double.doubleToRawLongBits(v);
        for (int i = 7; i >= 0; i--) out.write((int) (bits >>> (8 * i)));
        return this;
    }

    /** Calls the callable below the argument tuple on top. */
    public PickleWriter reduce() { return op(REDUCE); }

    /** Applies the state on top to the object below it. */
    public PickleWriter build() { return op(BUILD); }

    /** {@code cls.__new__(cls, *args)} with the class below the argument tuple on top. */
    public PickleWriter newObj() { return op(NEWOBJ); }

    /** Replaces the id on top with the reader's object for it (PyTorch: a tensor storage). */
    public PickleWriter persistentId() { return op(BINPERSID); }

    public PickleWriter stop() { return op(STOP); }

    /** The pickle so far; complete once {@link #stop()} was called. */
    public byte[] toByteArray() { return out.toByteArray(); }

    private PickleWriter op(int code) {
        out.write(code);
        return this;
    }

    private void writeLe(long v, int bytes) {
        for (int i = 0; i < bytes; i++) out.write((int) (v >>> (8 * i)));
    }
}
