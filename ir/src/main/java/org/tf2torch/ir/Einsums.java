package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Einsum equations as NumPy, TF and torch read them: one term of labels ({@code a-z}, {@code A-Z}) per operand,
 * at most one {@code ...} per term for broadcast batch dims, and an output after {@code ->} (without one, the
 * output is the ellipsis dims then every label used once, in alphabetical order).
 */
public final class Einsums {
    /** The ellipsis as one label in {@link Equation} terms. */
    public static final char ELLIPSIS = '.';

    /** Terms with {@code ...} written as {@link #ELLIPSIS}; output is always explicit. */
    public record Equation(List<String> inputs, String output) {
        /** The canonical text with an explicit output, as torch.einsum takes it. */
        public String text() {
            return String.join(",", inputs.stream().map(Einsums::expand).toList()) + "->" + expand(output);
        }

        public boolean hasEllipsis() {
            for (String t : inputs) if (t.indexOf(ELLIPSIS) >= 0) return true;
            return false;
        }
    }

    private Einsums() {}

    private static String expand(String term) { return term.replace(String.valueOf(ELLIPSIS), "..."); }

    /** Parses {@code equation}; throws IllegalArgumentException with the reason when it is not well formed. */
    public static Equation parse(String equation, int operands) {
        String eq = equation.replace(" ", "");
        int arrow = eq.indexOf("->");
        String lhs = arrow < 0 ? eq : eq.substring(0, arrow);
        List<String> inputs = new ArrayList<>();
        for (String t : lhs.split(",", -1)) inputs.add(term(t, equation));
        if (inputs.size() != operands) {
            throw new IllegalArgumentException("einsum equation '" + equation + "' has " + inputs.size()
                    + " input terms for " + operands + " operands");
        }
        String output;
        if (arrow >= 0) {
            output = term(eq.substring(arrow + 2), equation);
            for (char c : output.toCharArray()) {
                if (c != ELLIPSIS && output.indexOf(c) != output.lastIndexOf(c)) {
                    throw new IllegalArgumentException("einsum output repeats label '" + c + "' in '" + equation + "'");
                }
                boolean found = false;
                for (String t : inputs) found |= t.indexOf(c) >= 0;
                if (!found) throw new IllegalArgumentException("einsum output label '" + c + "' is in no input");
            }
        } else {
            Map<Character, Integer> counts = new TreeMap<>();
            boolean ellipsis = false;
            for (String t : inputs) {
                for (char c : t.toCharArray()) {
                    if (c == ELLIPSIS) ellipsis = true;
                    else counts.merge(c, 1, Integer::sum);
                }
            }
            StringBuilder sb = new StringBuilder(ellipsis ? String.valueOf(ELLIPSIS) : "");
            // NumPy's implicit order: upper case before lower case (ASCII), labels used exactly once
            for (Map.Entry<Character, Integer> e : counts.entrySet()) if (e.getValue() == 1) sb.append(e.getKey());
            output = sb.toString();
        }
        return new Equation(List.copyOf(inputs), output);
    }

    private static String term(String t, String equation) {
        String s = t.replace("...", String.valueOf(ELLIPSIS));
        if (s.indexOf(ELLIPSIS) != s.lastIndexOf(ELLIPSIS)) {
            throw new IllegalArgumentException("einsum term '" + t + "' has more than one ellipsis in '" + equation + "'");
        }
        for (char c : s.toCharArray()) {
            if (c != ELLIPSIS && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                throw new IllegalArgumentException("einsum label '" + c + "' in '" + equation + "' is not a letter");
            }
        }
        return s;
    }

    /** The result type: labels take their operands' dims, ellipsis dims broadcast (NumPy rules). */
    public static TensorType resultType(Equation eq, List<TensorType> in) {
        DType dt = in.get(0).dtype();
        Map<Character, Dim> dims = new HashMap<>();
        Shape ell = Shape.scalar();
        for (int k = 0; k < in.size(); k++) {
            Shape s = in.get(k).shape();
            if (!s.hasRank()) return new TensorType(dt, Shape.unknownRank());
            String t = eq.inputs().get(k);
            boolean hasEll = t.indexOf(ELLIPSIS) >= 0;
            int labels = hasEll ? t.length() - 1 : t.length();
            if (s.rank() != labels && !(hasEll && s.rank() >= labels)) {
                throw new IllegalArgumentException("einsum term '" + expand(t) + "' does not fit operand " + k
                        + " of shape " + s);
            }
            int ellRank = s.rank() - labels;
            int axis = 0;
            for (char c : t.toCharArray()) {
                if (c == ELLIPSIS) {
                    ell = ShapeInference.broadcast(ell, Shape.of(s.dims().subList(axis, axis + ellRank)));
                    axis += ellRank;
                    continue;
                }
                Dim d = s.dim(axis++);
                Dim known = dims.get(c);
                if (known != null && known.isStatic() && d.isStatic() && known.size() != d.size()) {
                    throw new IllegalArgumentException("einsum label '" + c + "' is " + known + " and " + d);
                }
                if (known == null || !known.isStatic() && (d.isStatic() || d.isSymbolic() && known.isUnknown())) {
                    dims.put(c, d);
                }
            }
        }
        List<Dim> out = new ArrayList<>();
        for (char c : eq.output().toCharArray()) {
            if (c == ELLIPSIS) out.addAll(ell.dims());
            else out.add(dims.get(c));
        }
        return new TensorType(dt, Shape.of(out));
    }
}
