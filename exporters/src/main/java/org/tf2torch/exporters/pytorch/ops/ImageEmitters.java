package org.tf2torch.exporters.pytorch.ops;

/** Transposed convolutions and resizing. */
final class ImageEmitters {
    private ImageEmitters() {}

    static void register(Emitters.Registry r) {
    }
}
