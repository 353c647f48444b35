package org.tf2torch.validation.compare;

/** The process exit status a validation ends with; scripts branch on these numbers, so they never change. */
public enum ExitStatus {
    PASS(0, "pass"),
    /** Bad options, unreadable inputs, a missing runtime: nothing was judged. */
    USAGE_OR_ENVIRONMENT(1, "usage or environment error"),
    /** The model could not be converted, or the converted model does not load or run. */
    CONVERSION(2, "conversion failed"),
    /** An output is outside tolerance, or PyTorch is slower than {@code --max-slowdown} allows. */
    NUMERICS(3, "numerics failed");

    private final int code;
    private final String description;

    ExitStatus(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() { return code; }

    public String description() { return description; }
}
