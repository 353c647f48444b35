package org.tf2torch.ir;

/** One entry of an op's attribute schema; a null default means the attribute is required. */
public record AttrSpec(String name, AttrKind kind, Object defaultValue) {
    public static AttrSpec required(String name, AttrKind kind) { return new AttrSpec(name, kind, null); }

    public static AttrSpec optional(String name, AttrKind kind, Object def) {
        return new AttrSpec(name, kind, kind.coerce(def));
    }

    public boolean isRequired() { return defaultValue == null; }
}
