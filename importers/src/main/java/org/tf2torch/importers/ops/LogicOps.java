package org.tf2torch.importers.ops;

/** Comparisons, logical and bitwise ops, select/where, and element-wise math functions. */
final class LogicOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
    }
}
