package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.exporters.pytorch.ModuleTree.Module;
import org.tf2torch.exporters.pytorch.io.ScriptModule;
import org.tf2torch.exporters.pytorch.ops.Dialect;

/**
 * Writes the archive's classes in the form TorchScript serializes modules: attribute declarations
 * ({@code __parameters__}, {@code __buffers__}, a type per attribute and submodule, {@code training : bool}) and,
 * for the root, a {@code forward} whose {@code self} is typed with the qualified class name. A torch layer
 * (Linear, Conv2d, BatchNorm) gets a class of its own with the forward torch's layer computes in inference;
 * layers whose classes would read the same share one. Plain submodules only hold weights and have no forward.
 * All classes go into one source file, next to the root's.
 */
final class ScriptClassWriter {
    private static final String INDENT = "  ";
    private static final String SELF_TYPE = "\u0000";

    /** The module tree to pickle and the source that defines every class in it. */
    record Archive(ScriptModule root, String codePath, String source) {}

    private final ModulePlan plan;
    private final String pkg;
    private final NameScope classNames = NameScope.forLocals();
    private final Map<String, String> layerClassBySource = new LinkedHashMap<>();
    private final Map<Module, String> classOf = new IdentityHashMap<>();
    private final List<String> sources = new ArrayList<>();

    private ScriptClassWriter(ModulePlan plan, String pkg) {
        this.plan = plan;
        this.pkg = pkg;
    }

    /** @param pkg the package of every class, e.g. {@code __torch__.model} */
    static Archive write(ModulePlan plan, ForwardWriter.Body body, String pkg) {
        return new ScriptClassWriter(plan, pkg).run(body);
    }

    private Archive run(ForwardWriter.Body body) {
        classNames.claim(plan.className);
        for (Module m : ModuleTree.postOrder(plan.root)) {
            if (!m.isRoot() && m.layer == null) classNames.claim(m.className);
        }
        for (Module m : ModuleTree.postOrder(plan.root)) {
            if (m.isRoot()) continue;
            if (m.layer != null) {
                String text = classText(m, SELF_TYPE, m.layer.scriptMethod() != null ? m.layer.scriptMethod()
                        : List.of(INDENT + "def forward(self: " + SELF_TYPE + ",",
                        INDENT + INDENT + "input: " + Dialect.SCRIPT.tensorType() + ") -> " + Dialect.SCRIPT.tensorType() + ":",
                        INDENT + INDENT + "return " + m.layer.scriptForward()));
                String name = layerClassBySource.get(text);
                if (name == null) {
                    name = classNames.claim(m.layer.torchClass());
                    layerClassBySource.put(text, name);
                    sources.add(text.replace("class " + SELF_TYPE + "(", "class " + name + "(")
                            .replace(SELF_TYPE, pkg + "." + name));
                }
                classOf.put(m, name);
            } else {
                classOf.put(m, m.className);
                sources.add(classText(m, m.className, List.of()));
            }
        }
        classOf.put(plan.root, plan.className);
        String qualified = pkg + "." + plan.className;
        String tensor = Dialect.SCRIPT.tensorType();
        List<String> fwd = new ArrayList<>();
        StringBuilder sig = new StringBuilder(INDENT + "def forward(self: " + qualified);
        for (String arg : body.args()) sig.append(",\n").append(INDENT + INDENT).append(arg).append(": ").append(tensor);
        sig.append(") -> ").append(body.dictOutput() ? "Dict[str, " + tensor + "]" : tensor).append(':');
        fwd.add(sig.toString());
        for (String line : body.lines()) fwd.add(INDENT + INDENT + line);
        fwd.addAll(ValidationMethod.write(plan, body, qualified, INDENT));
        sources.add(classText(plan.root, plan.className, fwd));
        ScriptModule root = instance(plan.root);
        return new Archive(root, root.codePath(), String.join("", sources));
    }

    private String classText(Module m, String name, List<String> methods) {
        List<String> params = new ArrayList<>();
        List<String> buffers = new ArrayList<>();
        List<String> decls = new ArrayList<>();
        String tensor = Dialect.SCRIPT.tensorType();
        for (Object item : m.items) {
            if (item instanceof ModulePlan.Attribute a) {
                (a.kind() == ExportResult.Kind.PARAMETER ? params : buffers).add(PyStrings.literal(a.local()));
                decls.add(INDENT + a.local() + " : " + tensor);
            } else {
                Module c = (Module) item;
                decls.add(INDENT + c.attr + " : " + pkg + "." + classOf.get(c));
            }
        }
        List<String> out = new ArrayList<>();
        out.add("class " + name + "(Module):");
        out.add(INDENT + "__parameters__ = " + list(params));
        out.add(INDENT + "__buffers__ = " + list(buffers));
        out.addAll(decls);
        out.add(INDENT + "training : bool");
        out.addAll(methods);
        return String.join("\n", out) + "\n";
    }

    private ScriptModule instance(Module m) {
        ScriptModule s = new ScriptModule(pkg + "." + classOf.get(m));
        for (Object item : m.items) {
            if (item instanceof ModulePlan.Attribute a) {
                if (a.kind() == ExportResult.Kind.PARAMETER) s.parameter(a.local(), a.data());
                else s.buffer(a.local(), a.data());
            } else {
                Module c = (Module) item;
                s.child(c.attr, instance(c));
            }
        }
        s.bool("training", false);
        return s;
    }

    private static String list(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (String s : items) sb.append(s).append(", ");
        return sb.append(']').toString();
    }
}
