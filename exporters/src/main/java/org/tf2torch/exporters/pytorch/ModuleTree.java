package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.tf2torch.ir.Parameter;

/**
 * The module hierarchy: the root module and, for weights that carry an object path, one submodule per layer
 * or nested model on the way ({@code self.functional_1.dense}). Each module has its own attribute namespace,
 * so names are made unique per module, as Python sees them.
 */
final class ModuleTree {
    private static final Pattern INDEX = Pattern.compile("\\d+");

    /** A module; {@code items} holds its attributes ({@link ModulePlan.Attribute}) and children in order. */
    static final class Module {
        final Module parent;
        /** Attribute name in the parent; empty for the root. */
        final String attr;
        /** The model's own name for it (a Keras layer name or attribute), for comments. */
        final String source;
        final NameScope scope = NameScope.forAttributes();
        final Map<String, Module> children = new LinkedHashMap<>();
        /** Weights placed directly in this module, by their raw attribute name. */
        final Map<String, Parameter> params = new LinkedHashMap<>();
        final List<Object> items = new ArrayList<>();
        String className;
        LayerMatcher.Layer layer;

        Module(Module parent, String attr, String source) {
            this.parent = parent;
            this.attr = attr;
            this.source = source;
        }

        boolean isRoot() { return parent == null; }

        /** Dotted path from the root ({@code functional_1.dense}); empty for the root. */
        String path() {
            if (parent == null) return "";
            String p = parent.path();
            return p.isEmpty() ? attr : p + "." + attr;
        }

        /** {@code prefix + name} is a state_dict key. */
        String keyPrefix() {
            String p = path();
            return p.isEmpty() ? "" : p + ".";
        }

        List<Module> childList() { return new ArrayList<>(children.values()); }

        Module child(String raw) {
            return children.computeIfAbsent(raw, r -> {
                Module m = new Module(this, scope.claim(r), r);
                items.add(m);
                return m;
            });
        }
    }

    private ModuleTree() {}

    /**
     * The module a weight with {@code path} belongs to, created on the way; the last segment is the weight's
     * own name. A numeric segment (an entry of a Python list of layers) joins the one before it, since a
     * bare number is no attribute name: {@code blocks/0/kernel} lands in {@code blocks_0}.
     */
    static Module owner(Module root, List<String> path) {
        List<String> segs = new ArrayList<>();
        for (String s : path.subList(0, path.size() - 1)) {
            if (INDEX.matcher(s).matches() && !segs.isEmpty()) segs.set(segs.size() - 1, segs.get(segs.size() - 1) + "_" + s);
            else segs.add(s);
        }
        Module m = root;
        for (String s : segs) m = m.child(s);
        return m;
    }

    /** Modules below {@code m}, children before parents (the order model.py defines their classes in). */
    static List<Module> postOrder(Module m) {
        List<Module> out = new ArrayList<>();
        for (Module c : m.children.values()) out.addAll(postOrder(c));
        out.add(m);
        return out;
    }
}
