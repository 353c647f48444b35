package org.tf2torch.ir;

/**
 * Where a node came from in the TF model, for errors and provenance comments: the TF node name, its op
 * type and the library function it sat in (empty for the top-level graph).
 */
public record SourceRef(String node, String op, String function) {
    public static final SourceRef NONE = new SourceRef("", "", "");

    public String describe() {
        if (node.isEmpty()) return "(no TF source)";
        return "'" + node + "' (" + op + (function.isEmpty() ? "" : ", in function " + function) + ")";
    }
}
