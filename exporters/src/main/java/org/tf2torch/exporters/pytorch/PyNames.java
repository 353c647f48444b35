package org.tf2torch.exporters.pytorch;

import java.util.Set;

/**
 * The one sanitizer that turns model-supplied names (TF variable paths, signature keys, IR value names, graph
 * names) into Python identifiers. Everything that reaches generated code as a name goes through here, so a
 * hostile name can at worst become an odd-looking identifier, never code. Uniqueness is the job of
 * {@link NameScope}, which builds on {@link #identifier(String)}.
 */
public final class PyNames {
    /** Long TF paths stay readable up to this length; beyond it they only hurt. */
    static final int MAX_LENGTH = 96;

    /** Python keywords plus soft keywords, which are legal names but confuse readers. */
    static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
            "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
            "with", "yield", "match", "case", "type");

    /**
     * Names the generated code itself refers to, in model.py or in TorchScript's serialized dialect (whose
     * global scope also knows {@code ops}, {@code CONSTANTS}, {@code annotate}, {@code inf}, ...). A local or
     * argument with one of these names would shadow it.
     */
    static final Set<String> GLOBALS = Set.of("self", "torch", "nn", "F", "math", "typing", "Dict", "List",
            "Optional", "Tuple", "Any", "Union", "Final", "Tensor", "Module", "NoneType", "int", "float", "bool",
            "str", "len", "range", "list", "dict", "tuple", "print", "super", "isinstance", "getattr", "hasattr",
            "abs", "min", "max", "annotate", "ops", "CONSTANTS", "fork", "uninitialized", "unchecked_cast",
            "awaitable", "inf", "nan", "infj", "nanj", "object", "Exception", "device", "dtype");

    /**
     * Attributes every {@code nn.Module} has (torch 1.13 and 2.x): a parameter named {@code training} or
     * {@code forward} would break the module. Names starting with '_' never get here (see {@link #identifier}).
     */
    static final Set<String> MODULE_ATTRIBUTES = Set.of("T_destination", "add_module", "apply", "bfloat16",
            "buffers", "call_super_init", "children", "compile", "cpu", "cuda", "double", "dump_patches", "eval",
            "extra_repr", "float", "forward", "get_buffer", "get_extra_state", "get_parameter", "get_submodule",
            "half", "ipu", "load_state_dict", "modules", "mtia", "named_buffers", "named_children", "named_modules",
            "named_parameters", "parameters", "register_backward_hook", "register_buffer",
            "register_forward_hook", "register_forward_pre_hook", "register_full_backward_hook",
            "register_full_backward_pre_hook", "register_load_state_dict_post_hook",
            "register_load_state_dict_pre_hook", "register_module", "register_parameter",
            "register_state_dict_post_hook", "register_state_dict_pre_hook", "requires_grad_", "set_extra_state",
            "share_memory", "smart_apply", "state_dict", "to", "to_empty", "train", "training", "type", "xpu",
            "zero_grad");

    private PyNames() {}

    /**
     * A Python identifier close to {@code raw}: ASCII letters and digits kept, every run of other characters
     * (and of '_') becomes one '_', none at either end. Leading underscores would reach {@code nn.Module}
     * internals such as {@code _parameters} and trigger class-private name mangling for {@code __x}. A leading
     * digit gets a {@code v_} prefix. Not yet unique and possibly reserved: see {@link NameScope}.
     */
    public static String identifier(String raw) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length() && sb.length() < MAX_LENGTH; i++) {
            char c = raw.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
            char out = ok ? c : '_';
            // Runs of separators read as one: dense//kernel:0 -> dense_kernel_0.
            if (out == '_' && (sb.length() == 0 || sb.charAt(sb.length() - 1) == '_')) continue;
            sb.append(out);
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '_') sb.setLength(sb.length() - 1);
        if (sb.length() == 0) return "v";
        if (Character.isDigit(sb.charAt(0))) sb.insert(0, "v_");
        return sb.toString();
    }

    /**
     * A class name in CamelCase: {@code mnist_cnn} → {@code MnistCnn}; {@code Model} when nothing usable
     * remains or the result would clash with a name model.py or the archive needs.
     */
    public static String className(String raw) {
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < (raw == null ? 0 : raw.length()) && sb.length() < MAX_LENGTH; i++) {
            char c = raw.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                if (sb.length() == 0 && Character.isDigit(c)) sb.append("Model");
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        String s = sb.toString();
        if (s.isEmpty() || KEYWORDS.contains(s) || GLOBALS.contains(s)) return "Model";
        return s;
    }

    /**
     * The module's class name: {@code requested} as given when it is already a usable identifier, else made
     * one by {@link #className(String)}; without a request, derived from {@code graphName}.
     */
    public static String className(String requested, String graphName) {
        if (requested == null) return className(graphName);
        boolean usable = requested.matches("[A-Za-z][A-Za-z0-9_]*") && requested.length() <= MAX_LENGTH
                && !KEYWORDS.contains(requested) && !GLOBALS.contains(requested);
        return usable ? requested : className(requested);
    }

    public static boolean isReservedLocal(String name) {
        return KEYWORDS.contains(name) || GLOBALS.contains(name);
    }

    public static boolean isReservedAttribute(String name) {
        return isReservedLocal(name) || MODULE_ATTRIBUTES.contains(name);
    }
}
