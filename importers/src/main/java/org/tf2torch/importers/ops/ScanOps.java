package org.tf2torch.importers.ops;

/** Reductions beyond sum/mean/max, arg-max/min, cumulative ops, top-k and segment ops. */
final class ScanOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
    }
}
