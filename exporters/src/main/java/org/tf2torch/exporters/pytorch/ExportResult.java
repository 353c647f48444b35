package org.tf2torch.exporters.pytorch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;

/**
 * What an export produced, for conversion.json, validation and the CLI's summary.
 *
 * @param className the {@code nn.Module} class in model.py (also the archive's class, as
 *     {@code __torch__.model.<className>})
 * @param stateDict every state_dict entry in {@code state_dict()} order
 * @param forwardArgs {@code forward}'s argument names, in the graph's input order
 * @param inputKeys the signature's input keys, parallel to {@code forwardArgs}
 * @param outputKeys the signature's output keys in order; {@code forward} returns the tensor itself when there
 *     is one, else a {@code Dict[str, Tensor]} with exactly these keys
 * @param trainableParameterCount elements over all {@code nn.Parameter}s, to compare with TF's trainable count
 */
public record ExportResult(String className, List<StateEntry> stateDict, List<String> forwardArgs,
        List<String> inputKeys, List<String> outputKeys, boolean dictOutput, long trainableParameterCount,
        Path modelPy, Path weights, Path torchScript) {

    public enum Kind {
        /** An {@code nn.Parameter}: a trainable TF variable. */
        PARAMETER,
        /** A buffer holding a non-trainable TF variable (moving statistics). */
        BUFFER,
        /** A buffer holding a graph constant too large to write inline. */
        CONSTANT
    }

    /**
     * @param key the state_dict key (= module attribute name)
     * @param source the TF variable path for parameters and buffers; the IR value name for constants
     */
    public record StateEntry(String key, Kind kind, String source, DType dtype, long[] shape) {}

    /** state_dict key → TF variable path, for parameters and variable buffers (not constants). */
    public Map<String, String> parameterNames() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (StateEntry e : stateDict) if (e.kind() != Kind.CONSTANT) m.put(e.key(), e.source());
        return m;
    }
}
