package org.tf2torch.importers;

/** The model uses TF ops the importer cannot translate; the report lists every one. Exit status 2. */
public final class UnsupportedOpsException extends ImportException {
    private final ImportReport report;

    public UnsupportedOpsException(String model, ImportReport report) {
        super(model + " cannot be converted:\n" + report.format());
        this.report = report;
    }

    public ImportReport report() { return report; }
}
