package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tf2torch.exporters.pytorch.ops.Dialect;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Value;

/**
 * A second method of the archive's class, {@value #NAME}, for runtimes that cannot exchange some dtypes with
 * libtorch: DJL's PyTorch engine has no int16 (it aborts creating one and reports a returned one as unknown).
 * The method takes int16 inputs as int32, narrows them, calls {@code forward} and widens its int16 results to
 * int32; every int16 value survives both conversions exactly. {@code forward} keeps TF's dtypes; model.py has
 * no such method, as torch itself has int16.
 */
final class ValidationMethod {
    /** The method's name, which the DJL runner looks for. */
    static final String NAME = "validation_forward";
    private static final DType NARROW = DType.I16;
    private static final DType WIDE = DType.I32;

    private ValidationMethod() {}

    static boolean needed(ModulePlan plan) {
        for (Value v : plan.graph.inputs()) if (v.dtype() == NARROW) return true;
        for (Value v : plan.graph.outputs().values()) if (v.dtype() == NARROW) return true;
        return false;
    }

    /** The method's lines (indented for the class body), or none when every dtype crosses as it is. */
    static List<String> write(ModulePlan plan, ForwardWriter.Body body, String qualifiedName, String indent) {
        if (!needed(plan)) return List.of();
        Dialect d = Dialect.SCRIPT;
        String tensor = d.tensorType();
        Set<String> taken = new HashSet<>(body.args());
        List<String> lines = new ArrayList<>();
        StringBuilder sig = new StringBuilder(indent + "def " + NAME + "(self: " + qualifiedName);
        for (String arg : body.args()) sig.append(",\n").append(indent + indent).append(arg).append(": ").append(tensor);
        sig.append(") -> ").append(body.dictOutput() ? "Dict[str, " + tensor + "]" : tensor).append(':');
        lines.add(sig.toString());
        String in = indent + indent;
        List<String> callArgs = new ArrayList<>();
        List<Value> inputs = plan.graph.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            String arg = body.args().get(i);
            if (inputs.get(i).dtype() == NARROW) {
                String local = fresh(taken, arg + "_narrow");
                lines.add(in + local + " = " + d.method(arg, "to", d.dtype(NARROW)));
                callArgs.add(local);
            } else {
                callArgs.add(arg);
            }
        }
        String out = fresh(taken, "result");
        lines.add(in + out + " = self.forward(" + String.join(", ", callArgs) + ")");
        if (!body.dictOutput()) {
            Value v = plan.graph.outputs().values().iterator().next();
            lines.add(in + "return " + (v.dtype() == NARROW ? d.method(out, "to", d.dtype(WIDE)) : out));
            return lines;
        }
        List<String> items = new ArrayList<>();
        for (Map.Entry<String, Value> e : plan.graph.outputs().entrySet()) {
            String key = PyStrings.literal(e.getKey());
            String item = out + "[" + key + "]";
            items.add(key + ": " + (e.getValue().dtype() == NARROW ? d.method(item, "to", d.dtype(WIDE)) : item));
        }
        lines.add(in + "return {" + String.join(", ", items) + "}");
        return lines;
    }

    private static String fresh(Set<String> taken, String base) {
        String name = base;
        while (!taken.add(name)) name = name + "_";
        return name;
    }
}
