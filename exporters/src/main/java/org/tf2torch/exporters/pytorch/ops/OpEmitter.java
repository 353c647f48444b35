package org.tf2torch.exporters.pytorch.ops;

/** Writes the code of one IR op, in either dialect. */
@FunctionalInterface
public interface OpEmitter {
    void emit(EmitContext ctx);
}
