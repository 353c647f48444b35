package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Structural checks after every pass in tests: topological order, arity and attribute schemas (re-validated),
 * use lists that mirror operands, parameters that exist with matching types, and result types that agree with
 * shape inference wherever inference knows more than "unknown".
 */
public final class Verifier {
    private Verifier() {}

    /** Throws {@link IllegalStateException} listing every problem found. */
    public static void verify(Graph g) {
        List<String> problems = check(g);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("IR graph @" + g.name() + " is invalid:\n  " + String.join("\n  ", problems));
        }
    }

    public static List<String> check(Graph g) {
        List<String> errs = new ArrayList<>();
        Set<Value> defined = new HashSet<>(g.inputs());
        Set<String> names = new HashSet<>();
        for (Value v : g.inputs()) {
            if (!names.add(v.name())) errs.add("duplicate value name " + v);
            checkUses(g, v, "input " + v, errs);
        }
        for (Node n : g.nodes()) {
            String where = n.op().textName() + " " + n.outputs() + " " + n.source().describe();
            if (n.graph() != g) errs.add(where + ": node does not point back at this graph");
            for (int i = 0; i < n.inputs().size(); i++) {
                Value v = n.input(i);
                if (!defined.contains(v)) errs.add(where + ": operand " + i + " " + v + " is used before it is defined");
                final int k = i;
                if (v.uses().stream().noneMatch(u -> u.user() == n && u.operand() == k)) {
                    errs.add(where + ": operand " + i + " " + v + " does not list this use");
                }
            }
            try {
                Attrs.validate(n.op(), n.attrs().asMap());
            } catch (IllegalArgumentException e) {
                errs.add(where + ": " + e.getMessage());
            }
            if (n.op() == Op.PARAM) {
                Parameter p = g.params().get(n.attrs().s("name"));
                if (p == null) errs.add(where + ": no parameter named '" + n.attrs().s("name") + "'");
                else if (!p.data().type().equals(n.output().type())) {
                    errs.add(where + ": parameter is " + p.data().type() + " but the value says " + n.output().type());
                }
            } else {
                checkTypes(n, where, errs);
            }
            if (n.op().hasSubgraphs() && n.attrs().asMap().values().stream().allMatch(java.util.Objects::nonNull)) {
                for (String e : Loops.check(n)) errs.add(where + ": " + e);
                for (Graph sub : Loops.subgraphs(n)) {
                    for (String e : check(sub)) errs.add(where + " in @" + sub.name() + ": " + e);
                }
            }
            for (Value v : n.outputs()) {
                if (!names.add(v.name())) errs.add("duplicate value name " + v);
                defined.add(v);
                checkUses(g, v, where, errs);
            }
        }
        for (Value v : g.outputs().values()) {
            if (!defined.contains(v)) errs.add("graph output " + v + " is not defined");
        }
        return errs;
    }

    private static void checkUses(Graph g, Value v, String where, List<String> errs) {
        for (Use u : v.uses()) {
            if (u.user().graph() != g) errs.add(where + ": " + v + " lists a use by a removed node");
            else if (u.operand() >= u.user().inputs().size() || u.user().input(u.operand()) != v) {
                errs.add(where + ": stale use of " + v + " by " + u.user().op().textName() + " operand " + u.operand());
            }
        }
    }

    private static void checkTypes(Node n, String where, List<String> errs) {
        if (n.outputs().size() != n.op().numOutputs(n.attrs())) {
            errs.add(where + ": has " + n.outputs().size() + " results, " + n.op().textName() + " gives "
                    + n.op().numOutputs(n.attrs()));
            return;
        }
        // inference takes the first operand's dtype, so a mixed pair would get a type the runtime disagrees with
        boolean sameDType = n.op() == Op.CONCAT || n.op().isElementwiseBinary() && n.op() != Op.POW;
        for (int i = 1; sameDType && i < n.inputs().size(); i++) {
            if (n.input(i).dtype() != n.input(0).dtype()) {
                errs.add(where + ": operands differ in dtype: " + n.input(0).type() + " and " + n.input(i).type());
                break;
            }
        }
        List<TensorType> inferred;
        try {
            inferred = ShapeInference.infer(n);
        } catch (RuntimeException e) {
            errs.add(where + ": shape inference fails: " + e.getMessage());
            return;
        }
        for (int k = 0; k < inferred.size(); k++) {
            TensorType have = n.outputs().get(k).type();
            TensorType want = inferred.get(k);
            if (have.dtype() != want.dtype()) errs.add(where + ": result dtype " + have + " but inference says " + want);
            else if (!compatible(have.shape(), want.shape())) {
                errs.add(where + ": result shape " + have + " but inference says " + want);
            }
        }
    }

    /** Recorded shapes may be more precise than inference (an importer knew more), never contradictory. */
    private static boolean compatible(Shape have, Shape want) {
        if (!have.hasRank() || !want.hasRank()) return true;
        if (have.rank() != want.rank()) return false;
        for (int i = 0; i < have.rank(); i++) {
            Dim a = have.dim(i);
            Dim b = want.dim(i);
            if (a.isStatic() && b.isStatic() && a.size() != b.size()) return false;
        }
        return true;
    }
}
