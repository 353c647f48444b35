package org.tf2torch.exporters.pytorch.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.tf2torch.ir.Tensor;

/**
 * One module instance of a TorchScript archive: its class's qualified name and its attribute values in
 * order. The class itself (attribute declarations, {@code __parameters__}, {@code __buffers__}, methods) is
 * TorchScript source the caller supplies; this object only carries the values that {@code data.pkl} restores.
 *
 * <p>Qualified names are {@code __torch__.<file path, dotted>.<Class>}: the loader finds class
 * {@code __torch__.model.Net} by compiling {@code code/__torch__/model.py} and looking for {@code class Net}
 * there (see {@link #codePath(String)}).
 */
public final class ScriptModule {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern QUALIFIED = Pattern.compile("__torch__(\\.[A-Za-z_][A-Za-z0-9_]*)+");

    /** An attribute value; its name must be declared in the class source. */
    public sealed interface Attribute permits TensorAttribute, BoolAttribute, IntAttribute, FloatAttribute,
            ModuleAttribute {
        String name();
    }

    /** A parameter ({@code requires_grad} true, listed in {@code __parameters__}) or a buffer. */
    public record TensorAttribute(NamedTensor tensor, boolean parameter) implements Attribute {
        @Override
        public String name() { return tensor.name(); }
    }

    public record BoolAttribute(String name, boolean value) implements Attribute {}

    public record IntAttribute(String name, long value) implements Attribute {}

    public record FloatAttribute(String name, double value) implements Attribute {}

    public record ModuleAttribute(String name, ScriptModule module) implements Attribute {}

    private final String qualifiedName;
    private final List<Attribute> attributes = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** @param qualifiedName e.g. {@code __torch__.model.Net}; every part a Python identifier */
    public ScriptModule(String qualifiedName) {
        if (!QUALIFIED.matcher(qualifiedName).matches()) {
            throw new IllegalArgumentException("class name must look like __torch__.module.Class, got '"
                    + qualifiedName + "'");
        }
        this.qualifiedName = qualifiedName;
    }

    public String qualifiedName() { return qualifiedName; }

    /** The archive path of the source file that must define this module's class. */
    public String codePath() { return codePath(qualifiedName); }

    /** {@code __torch__.model.Net} → {@code code/__torch__/model.py}; {@code __torch__.Net} → {@code code/__torch__.py}. */
    public static String codePath(String qualifiedName) {
        int dot = qualifiedName.lastIndexOf('.');
        if (dot < 0) throw new IllegalArgumentException("not a qualified class name: " + qualifiedName);
        return "code/" + qualifiedName.substring(0, dot).replace('.', '/') + ".py";
    }

    public ScriptModule parameter(String name, Tensor value) {
        return add(new TensorAttribute(new NamedTensor(checkName(name), value), true));
    }

    public ScriptModule buffer(String name, Tensor value) {
        return add(new TensorAttribute(new NamedTensor(checkName(name), value), false));
    }

    /** e.g. {@code bool("training", false)}; every {@code nn.Module} class declares {@code training : bool}. */
    public ScriptModule bool(String name, boolean value) { return add(new BoolAttribute(checkName(name), value)); }

    public ScriptModule integer(String name, long value) { return add(new IntAttribute(checkName(name), value)); }

    public ScriptModule floating(String name, double value) {
        return add(new FloatAttribute(checkName(name), value));
    }

    public ScriptModule child(String name, ScriptModule module) {
        Objects.requireNonNull(module, "module");
        return add(new ModuleAttribute(checkName(name), module));
    }

    public List<Attribute> attributes() { return Collections.unmodifiableList(attributes); }

    private ScriptModule add(Attribute a) {
        if (!names.add(a.name())) {
            throw new IllegalArgumentException(qualifiedName + " already has an attribute '" + a.name() + "'");
        }
        attributes.add(a);
        return this;
    }

    /** Attributes are declared in TorchScript source, so anything but an identifier could never load. */
    private static String checkName(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("attribute name must be a Python identifier, got '" + name + "'");
        }
        return name;
    }
}
