package org.tf2torch.validation.inputs;

/**
 * The inputs cannot be made or loaded as asked: a dimension without a size, an unsupported type, a file that does
 * not match the signature. These are usage errors, so the command line maps this one type to its usage exit status.
 */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
