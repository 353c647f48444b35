package org.tf2torch.validation.runtime;

/**
 * A model could not be loaded or run by one of the runners. The message names the model and carries the engine's
 * own error (TensorFlow's status text, libtorch's, or the tail of Python's stderr), since that is what a user needs
 * to act on.
 */
public class RunnerException extends RuntimeException {
    public RunnerException(String message) {
        super(message);
    }

    public RunnerException(String message, Throwable cause) {
        super(message, cause);
    }
}
