package org.tf2torch.importers;

/**
 * A model that cannot be read, with a message a user can act on: which file, which node, what to do.
 * The CLI prints the message alone (no stack trace) and exits 1.
 */
public class ImportException extends RuntimeException {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
