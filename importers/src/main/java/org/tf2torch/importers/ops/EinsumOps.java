package org.tf2torch.importers.ops;

import java.util.Map;
import org.tf2torch.ir.Einsums;
import org.tf2torch.ir.Op;

/** TF's {@code Einsum} (tf.einsum, Keras EinsumDense and MultiHeadAttention) as the IR's einsum. */
final class EinsumOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("Einsum", Translator.single(EinsumOps::einsum), Op.EINSUM);
    }

    private static org.tf2torch.ir.Value einsum(OpContext c) {
        String text = c.attrString("equation", "");
        Einsums.Equation eq;
        try {
            eq = Einsums.parse(text, c.numInputs());
        } catch (IllegalArgumentException e) {
            throw new TranslationException(e.getMessage() + "; only NumPy-style einsum equations convert");
        }
        // the explicit form: torch and TF agree on it, and readers need not know the implicit-output rule
        return c.add(Op.EINSUM, c.inputs(), Map.of("equation", eq.text()));
    }
}
