package org.tf2torch.exporters.pytorch.ops;

/** Min/prod/all/any reductions, arg-max/min, cumulative sums and products, top-k. */
final class ScanEmitters {
    private ScanEmitters() {}

    static void register(Emitters.Registry r) {
    }
}
