package org.tf2torch.cli;

/** Exit statuses, documented in {@code --help} and the README. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Bad usage, unreadable input, I/O or environment problem. */
    public static final int USAGE = 1;
    /** The model uses TF ops that cannot be converted. */
    public static final int UNSUPPORTED = 2;
    /** The converted model computes different numbers (or is slower than --max-slowdown). */
    public static final int NUMERICS = 3;

    public static final String HELP = "%nExit status: 0 ok, 1 usage/input/environment error, 2 unsupported ops, "
            + "3 numeric mismatch (validate/check).";

    private ExitCodes() {}
}
