package org.tf2torch.ir.passes;

import java.nio.ByteBuffer;
import java.util.List;
import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.DenseTensor;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Transposer;

/**
 * Computes a node on constant operands, for constant folding. Covers the ops that build shapes and the
 * layout changes applied to frozen weights; returns null for anything else, which then stays in the graph.
 */
final class Evaluator {
    private Evaluator() {}

    static Tensor evaluate(Node n, List<Tensor> in) {
        Attrs a = n.attrs();
        Shape outShape = n.output().shape();
        DType outType = n.output().dtype();
        switch (n.op()) {
            case IDENTITY: return in.get(0);
            case CAST: return convert(in.get(0), a.dtype("to"));
            case RESHAPE: case SQUEEZE: case UNSQUEEZE:
                return outShape.isStatic() ? withShape(in.get(0), outShape) : null;
            case TRANSPOSE: {
                Tensor t = in.get(0);
                ByteBuffer b = Transposer.transpose(t.readUnchecked(), t.shape().sizes(), a.intArray("perm"),
                        t.dtype().byteSize());
                return new DenseTensor(t.dtype(), outShape, b);
            }
            case CONCAT: return Layouts.concat(in, outShape, (int) a.i("axis"));
            case SLICE: return Layouts.slice(in.get(0), outShape, a);
            case EXPAND: return outShape.isStatic() ? Elementwise.broadcastTo(in.get(0), outShape) : null;
            case MOD:
                // Integer remainders are index arithmetic too (random_crop's offsets); float ones stay in the model.
                return outType.isFloating() ? null
                        : Elementwise.integerMod(in.get(0), in.get(1), outType, outShape, a.b("fmod"));
            case ARG_MAX: case ARG_MIN: return IndexFolding.argExtreme(n, in.get(0), n.op() == Op.ARG_MAX);
            default:
                break;
        }
        if (n.op().isElementwiseBinary()) return Elementwise.binary(n.op(), in.get(0), in.get(1), outType, outShape);
        if (n.op().isElementwiseUnary()) return Elementwise.unary(n.op(), a, in.get(0));
        return null;
    }

    static Tensor withShape(Tensor t, Shape s) {
        return new DenseTensor(t.dtype(), s, t.readUnchecked());
    }

    static Tensor convert(Tensor t, DType to) {
        if (t.dtype() == to) return t;
        if (t.dtype().isFloating() || to.isFloating()) {
            double[] d = TensorValues.toDoubles(t);
            if (!to.isFloating()) {
                long[] l = new long[d.length];
                for (int i = 0; i < d.length; i++) l[i] = (long) d[i];
                return TensorValues.ofLongs(to, t.shape(), l);
            }
            return TensorValues.ofDoubles(to, t.shape(), d);
        }
        return TensorValues.ofLongs(to, t.shape(), TensorValues.toLongs(t));
    }
}
