package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.exporters.pytorch.ops.Dialect;

/**
 * Writes the archive's class source in the form TorchScript serializes modules: attribute declarations
 * ({@code __parameters__}, {@code __buffers__}, a type per attribute, {@code training : bool}) and a
 * {@code forward} whose {@code self} is typed with the qualified class name.
 */
final class ScriptClassWriter {
    private static final String INDENT = "  ";

    private ScriptClassWriter() {}

    static String write(ModulePlan plan, ForwardWriter.Body body, String qualifiedName) {
        List<String> params = new ArrayList<>();
        List<String> buffers = new ArrayList<>();
        for (ModulePlan.Attribute a : plan.attributes()) {
            (a.kind() == ExportResult.Kind.PARAMETER ? params : buffers).add(PyStrings.literal(a.name()));
        }
        List<String> out = new ArrayList<>();
        out.add("class " + plan.className + "(Module):");
        out.add(INDENT + "__parameters__ = " + list(params));
        out.add(INDENT + "__buffers__ = " + list(buffers));
        String tensor = Dialect.SCRIPT.tensorType();
        for (ModulePlan.Attribute a : plan.attributes()) out.add(INDENT + a.name() + " : " + tensor);
        out.add(INDENT + "training : bool");
        StringBuilder sig = new StringBuilder(INDENT + "def forward(self: " + qualifiedName);
        for (String arg : body.args()) sig.append(",\n").append(INDENT + INDENT).append(arg).append(": ").append(tensor);
        sig.append(") -> ").append(body.dictOutput() ? "Dict[str, " + tensor + "]" : tensor).append(':');
        out.add(sig.toString());
        for (String line : body.lines()) out.add(INDENT + INDENT + line);
        out.addAll(ValidationMethod.write(plan, body, qualifiedName, INDENT));
        return String.join("\n", out) + "\n";
    }

    private static String list(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (String s : items) sb.append(s).append(", ");
        return sb.append(']').toString();
    }
}
