package org.tf2torch.validation.localize;

import java.util.List;
import java.util.Map;
import org.tf2torch.validation.io.NdArray;

/** The original model as a graph whose tensors can be fetched by name, seen from the localizer. */
public interface TfIntermediates {
    /** Node name to TF op type for every node of the top-level graph (function bodies are not in it). */
    Map<String, String> nodeOps();

    /** Outputs of a node, or -1 when there is no such node. */
    int outputCount(String node);

    /** Runs the model on inputs keyed by signature input key, returning the named tensors ({@code node:k}). */
    Map<String, NdArray> fetch(Map<String, NdArray> inputs, List<String> tensors);
}
