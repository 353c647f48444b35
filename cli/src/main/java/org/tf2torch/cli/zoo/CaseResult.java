package org.tf2torch.cli.zoo;

import java.util.List;

/** The outcome of one zoo case. {@code maxAbsErr} is null when nothing was compared. */
public record CaseResult(String id, Status status, Double maxAbsErr, List<String> unsupportedOps, String message,
                         double seconds) {
    public enum Status {
        PASS, MISMATCH, UNSUPPORTED, ERROR;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
