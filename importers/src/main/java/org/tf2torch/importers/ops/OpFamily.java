package org.tf2torch.importers.ops;

/** A group of related TF op translators that registers itself. */
public interface OpFamily {
    void register(OpRegistry r);
}
