package org.tf2torch.exporters.pytorch.ops;

/** Comparisons, logical and bitwise ops, where, and element-wise math functions. */
final class LogicEmitters {
    private LogicEmitters() {}

    static void register(Emitters.Registry r) {
    }
}
