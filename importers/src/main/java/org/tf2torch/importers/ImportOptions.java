package org.tf2torch.importers;

import java.util.List;

/**
 * Choices for one import. {@code outputs} names output tensors of a frozen GraphDef ({@code node} or
 * {@code node:k}); empty means infer them. {@code channelsFirst} turns rank-4 NHWC inputs and outputs into NCHW.
 */
public record ImportOptions(String tag, String signature, List<String> outputs, List<String> inputs,
                            boolean channelsFirst) {
    public static final String DEFAULT_TAG = "serve";
    public static final String DEFAULT_SIGNATURE = "serving_default";

    public static ImportOptions defaults() {
        return new ImportOptions(DEFAULT_TAG, DEFAULT_SIGNATURE, List.of(), List.of(), false);
    }

    public ImportOptions withTag(String t) { return new ImportOptions(t, signature, outputs, inputs, channelsFirst); }
    public ImportOptions withSignature(String s) { return new ImportOptions(tag, s, outputs, inputs, channelsFirst); }
    public ImportOptions withOutputs(List<String> o) { return new ImportOptions(tag, signature, o, inputs, channelsFirst); }
    public ImportOptions withInputs(List<String> i) { return new ImportOptions(tag, signature, outputs, i, channelsFirst); }
    public ImportOptions withChannelsFirst(boolean c) { return new ImportOptions(tag, signature, outputs, inputs, c); }
}
