package org.tf2torch.validation;

/** A validation that cannot run (missing files, no GPU, bad options): exit status 1 with this message. */
public final class ValidationException extends RuntimeException {
    public ValidationException(String message) {
        super(message);
    }

    public ValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
