package org.tf2torch.importers.savedmodel;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Layer paths for SavedModels without an object graph (TF1 graphs written by Keras or {@code tf.layers}, and
 * models built op by op in Keras style): a variable named {@code block1/conv/kernel} belongs to the layer
 * {@code block1/conv}, because Keras names every weight {@code <layer scope>/<attribute>} with one of a few
 * attribute names. Any other name stays flat, so arbitrary TF1 variables are not grouped by accident.
 */
final class LayerNames {
    /** The weight attribute names Keras layers create. */
    private static final Set<String> ATTRIBUTES = Set.of("kernel", "bias", "gamma", "beta", "moving_mean",
            "moving_variance", "embeddings", "depthwise_kernel", "pointwise_kernel", "recurrent_kernel");
    /** Keras's BatchNormalization statistics, updated by the layer rather than by the optimizer. */
    private static final Set<String> STATISTICS = Set.of("moving_mean", "moving_variance");

    private LayerNames() {}

    /** {@code [scope..., attribute]} for a Keras-style weight name, else an empty list. */
    static List<String> path(String variableName) {
        List<String> parts = Arrays.asList(variableName.split("/", -1));
        if (parts.size() < 2 || !ATTRIBUTES.contains(parts.get(parts.size() - 1))) return List.of();
        for (String p : parts) if (p.isEmpty()) return List.of();
        return List.copyOf(parts);
    }

    /** Whether a variable with no trainability record is trainable, judging by its Keras attribute name. */
    static boolean trainableByName(String variableName) {
        List<String> p = path(variableName);
        return p.isEmpty() || !STATISTICS.contains(p.get(p.size() - 1));
    }
}
