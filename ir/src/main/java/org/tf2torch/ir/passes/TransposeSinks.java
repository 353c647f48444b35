package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/**
 * Transposes moved past ops that are not element-wise, for {@link TransposeOptimization}: a UNet's skip
 * concatenation joins channels-last values (Keras concatenates on axis -1), and only once the transposes sit
 * after it do they meet the next convolution's transpose-in and cancel.
 */
final class TransposeSinks {
    private TransposeSinks() {}

    /**
     * concat(transpose(x1, p), ..., transpose(xn, p); axis a) = transpose(concat(x1, ..., xn; axis p[a]), p),
     * when every operand is a transpose by the same p that feeds only this concat (so none is duplicated).
     */
    static boolean concat(Graph g, Node n) {
        int[] perm = null;
        List<Value> inner = new ArrayList<>();
        for (Value v : n.inputs()) {
            Node t = v.producer();
            if (t == null || t.op() != Op.TRANSPOSE || t.output().uses().size() != 1 || g.isOutput(t.output())) {
                return false;
            }
            int[] p = t.attrs().intArray("perm");
            if (perm != null && !Arrays.equals(perm, p)) return false;
            perm = p;
            inner.add(t.input(0));
        }
        if (perm == null) return false;
        long axis = n.attrs().i("axis");
        if (axis < 0) axis += perm.length;
        if (axis < 0 || axis >= perm.length) return false;
        Node first = n.input(0).producer();
        Node c = g.insertBefore(n, Op.CONCAT, inner, Map.of("axis", (long) perm[(int) axis]), n.source(),
                n.output().name());
        Node t = g.insertBefore(n, Op.TRANSPOSE, List.of(c.output()), first.attrs().asMap(), first.source(),
                first.output().name());
        n.output().replaceAllUsesWith(t.output());
        g.replaceOutput(n.output(), t.output());
        return true;
    }
}
