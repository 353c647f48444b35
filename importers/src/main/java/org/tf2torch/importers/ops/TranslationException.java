package org.tf2torch.importers.ops;

/** A node that cannot be translated as it is (a non-constant where a constant is needed, a mode not supported). */
public final class TranslationException extends RuntimeException {
    public TranslationException(String message) {
        super(message);
    }
}
