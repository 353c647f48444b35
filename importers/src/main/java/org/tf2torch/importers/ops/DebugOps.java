package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Op;

/** Ops that only check or copy their input: CheckNumerics and DeepCopy. */
final class DebugOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("CheckNumerics", Translator.single(DebugOps::checkNumerics), Op.CHECK_FINITE);
        // V2 only tells +Inf from -Inf in its message; the check is the same.
        r.add("CheckNumericsV2", Translator.single(DebugOps::checkNumerics), Op.CHECK_FINITE);
        // A functional graph never writes into a value in place, so the copy is the value itself.
        r.add("DeepCopy", Translator.single(c -> c.input(0)), Op.IDENTITY);
    }

    private static org.tf2torch.ir.Value checkNumerics(OpContext c) {
        if (!c.input(0).dtype().isFloating()) {
            throw new TranslationException("CheckNumerics takes a floating-point tensor, got " + c.input(0).dtype());
        }
        String prefix = c.attrString("message", "");
        String message = prefix + " : Tensor had NaN or Inf values (TF CheckNumerics node '" + c.name() + "')";
        return c.add(Op.CHECK_FINITE, List.of(c.input(0)), Map.of("message", message));
    }
}
