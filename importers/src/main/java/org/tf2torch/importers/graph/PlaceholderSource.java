package org.tf2torch.importers.graph;

import org.tensorflow.proto.NodeDef;

/** Supplies the value of a top-level Placeholder: a signature input, or null when nothing feeds it. */
public interface PlaceholderSource {
    TfValue valueFor(NodeDef placeholder);
}
