package org.tf2torch.ir;

import java.util.List;

/** Result types of {@link Op#LSTM} and {@link Op#GRU}: the step outputs [B,T,U], then the final states [B,U]. */
final class RnnShapes {
    private RnnShapes() {}

    static List<TensorType> infer(Node n) {
        TensorType x = n.input(0).type();
        Shape r = n.input(n.op() == Op.LSTM ? 4 : 3).shape();
        Shape h0 = n.input(1).shape();
        int gates = n.op() == Op.LSTM ? 4 : 3;
        if (!r.hasRank() || r.rank() != 2 || !r.isStatic() || r.sizes()[1] != gates * r.sizes()[0]) {
            throw new IllegalArgumentException(n.op().textName() + " needs a recurrent kernel [U," + gates + "U], got " + r);
        }
        if (!x.shape().hasRank() || x.shape().rank() != 3) {
            throw new IllegalArgumentException(n.op().textName() + " needs a [batch,time,features] input, got " + x.shape());
        }
        Dim units = Dim.of(r.sizes()[0]);
        Dim batch = x.shape().dim(0);
        if (batch.isUnknown() && h0.hasRank() && h0.rank() == 2) batch = h0.dim(0);
        TensorType seq = new TensorType(x.dtype(), Shape.of(List.of(batch, x.shape().dim(1), units)));
        TensorType state = new TensorType(x.dtype(), Shape.of(List.of(batch, units)));
        return n.op() == Op.LSTM ? List.of(seq, state, state) : List.of(seq, state);
    }
}
