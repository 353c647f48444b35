package org.tf2torch.cli;

/** A problem the user can fix, reported as one paragraph with an exit status. */
public final class UserException extends RuntimeException {
    private final int exitCode;

    public UserException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserException(String message) {
        this(message, ExitCodes.USAGE);
    }

    public int exitCode() { return exitCode; }
}
