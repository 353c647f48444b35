package org.tf2torch.ir;

/**
 * A named weight of the model: trainable ones become {@code nn.Parameter}s, the others buffers.
 * {@code name} is the TF variable path (sanitized by the exporter, never here).
 */
public record Parameter(String name, Tensor data, boolean trainable) {}
