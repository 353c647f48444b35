package org.tf2torch.importers.ops;

/** Generation, indexing, splitting, tiling, reversing and block rearrangement of tensors. */
final class IndexOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
    }
}
