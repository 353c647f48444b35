package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/**
 * conv(x, w) + b, with b of one value per output channel laid out as [1,C,1,...], becomes conv(x, w, b[C]),
 * so the bias is the convolution's own (and later an {@code nn.ConvNd} bias); the same for conv_transpose
 * ({@code nn.ConvTransposeNd}).
 */
public final class ConvBiasFusion implements Pass {
    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node add : new ArrayList<>(g.nodes())) {
            if (add.graph() == null || add.op() != Op.ADD) continue;
            for (int side = 0; side < 2; side++) {
                Node conv = add.input(side).producer();
                if (conv == null || conv.op() != Op.CONV && conv.op() != Op.CONV_TRANSPOSE
                        || conv.inputs().size() != 2
                        || conv.output().uses().size() != 1 || g.isOutput(conv.output())) continue;
                Value bias = channelVector(add.input(1 - side), conv.output().shape());
                if (bias == null || bias.dtype() != conv.output().dtype()) continue;
                Node fused = g.insertBefore(add, conv.op(), List.of(conv.input(0), conv.input(1), bias),
                        conv.attrs().asMap(), conv.source(), add.output().name());
                add.output().replaceAllUsesWith(fused.output());
                g.replaceOutput(add.output(), fused.output());
                changed = true;
                break;
            }
        }
        if (changed) new DeadCodeElimination().run(g);
        return changed;
    }

    /**
     * The 1-D channel vector behind a reshape to [1,C,1,..]. A bare [C] operand is not one: it broadcasts
     * against the last spatial axis, not the channels.
     */
    private static Value channelVector(Value v, Shape convOut) {
        if (!convOut.hasRank() || !convOut.dim(1).isStatic()) return null;
        long c = convOut.dim(1).size();
        Node r = v.producer();
        Value base = r != null && r.op() == Op.RESHAPE ? r.input(0) : null;
        if (base == null || !base.shape().equals(Shape.of(c))) return null;
        Shape s = v.shape();
        if (s.rank() != convOut.rank() || !s.isStatic()) return null;
        for (int i = 0; i < s.rank(); i++) if (s.sizes()[i] != (i == 1 ? c : 1)) return null;
        return base;
    }
}
