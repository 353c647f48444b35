package org.tf2torch.validation;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.runtime.NamedOutputs;

/**
 * Undoes the archive's widened method for DJL: an output the conversion declares int16 comes back as int32 and
 * is narrowed here. The values came from int16 tensors, so narrowing is exact; a value out of range means the
 * archive is not what the conversion describes, and is reported rather than wrapped.
 */
final class Widening {
    private Widening() {}

    static NamedOutputs narrow(NamedOutputs out, List<ConvertedModel.Port> ports) {
        List<NdArray> values = new ArrayList<>(out.values());
        for (int i = 0; i < values.size(); i++) {
            DType want = want(out, ports, i);
            if (want == DType.I16 && values.get(i).dtype() == DType.I32) values.set(i, toI16(values.get(i)));
        }
        return new NamedOutputs(out.names(), values);
    }

    /** The declared dtype of result {@code i}: by dict key, or by position for a single output. */
    private static DType want(NamedOutputs out, List<ConvertedModel.Port> ports, int i) {
        if (ports.size() == 1) return ports.get(0).dtype();
        for (ConvertedModel.Port p : ports) if (p.name().equals(out.names().get(i))) return p.dtype();
        return null;
    }

    static NdArray toI16(NdArray a) {
        long[] v = a.toLongArray();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            if (x < Short.MIN_VALUE || x > Short.MAX_VALUE) {
                throw new ValidationException("the archive's widened method returned " + x + " for an int16 output");
            }
            b.putShort((short) x);
        }
        return NdArray.of(DType.I16, a.shape(), b.flip());
    }
}
