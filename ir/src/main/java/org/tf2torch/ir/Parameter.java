package org.tf2torch.ir;

import java.util.List;

/**
 * A named weight of the model: trainable ones become {@code nn.Parameter}s, the others buffers.
 * {@code name} is the TF variable path (sanitized by the exporter, never here).
 *
 * <p>{@code path} places the weight in the model's object structure: the owning layers from the root (not
 * included) down, then the attribute, e.g. {@code [functional_1, dense, kernel]}. The exporter builds its
 * submodule hierarchy from it. Empty when the model has no object graph (TF1, frozen graphs): such weights
 * stay flat attributes of the root module. A weight with a path is part of the model's state even when the
 * converted signature does not read it, so passes keep it.
 */
public record Parameter(String name, Tensor data, boolean trainable, List<String> path) {
    public Parameter {
        path = path == null ? List.of() : List.copyOf(path);
    }

    public Parameter(String name, Tensor data, boolean trainable) { this(name, data, trainable, List.of()); }

    /** The same weight holding other data (e.g. stored transposed). */
    public Parameter withData(Tensor t) { return new Parameter(name, t, trainable, path); }

    public boolean hasPath() { return !path.isEmpty(); }
}
