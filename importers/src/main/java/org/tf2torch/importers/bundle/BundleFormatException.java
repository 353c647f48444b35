package org.tf2torch.importers.bundle;

/**
 * A structural fault found while decoding bytes that do not know which file they came from (a block, a
 * Snappy stream, a varint). It is checked on purpose: the caller that knows the file must catch it and turn it
 * into an {@link org.tf2torch.importers.ImportException} naming that file, so no decoding fault escapes as a
 * bare stack trace.
 */
final class BundleFormatException extends Exception {
    BundleFormatException(String message) {
        super(message);
    }
}
