package org.tf2torch.importers.ops;

/** Transposed and 3-D convolutions, 3-D pooling, resizing and image adjustments. */
final class ImageOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
    }
}
