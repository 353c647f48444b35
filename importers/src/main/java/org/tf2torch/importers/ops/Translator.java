package org.tf2torch.importers.ops;

import java.util.List;
import org.tf2torch.ir.Value;

/** Turns one TF node into IR nodes; returns the values of the TF node's outputs in order. */
@FunctionalInterface
public interface Translator {
    List<Value> translate(OpContext ctx);

    /** For the common single-output case. */
    static Translator single(java.util.function.Function<OpContext, Value> f) {
        return ctx -> List.of(f.apply(ctx));
    }
}
