package org.tf2torch.cli.zoo;

/** A manifest that does not follow the schema; the message names the file, the line and the field. */
public final class ManifestException extends RuntimeException {
    public ManifestException(String message) {
        super(message);
    }
}
