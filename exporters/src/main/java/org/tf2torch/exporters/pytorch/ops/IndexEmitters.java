package org.tf2torch.exporters.pytorch.ops;

/** Range, gather, split, tile, one-hot and bitcast. */
final class IndexEmitters {
    private IndexEmitters() {}

    static void register(Emitters.Registry r) {
    }
}
