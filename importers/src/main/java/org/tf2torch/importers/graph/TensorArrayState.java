package org.tf2torch.importers.graph;

import org.tf2torch.ir.DType;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/**
 * A TF1 TensorArray as the importer tracks it. The handle output of TensorArrayV3 carries only the declared
 * facts ({@code handle} true, no data); each flow value carries the array's contents at that point as one
 * dense IR tensor {@code data} of shape {@code [size, *element]}. Every element therefore has the same shape:
 * writes of another shape are refused, which is exact for arrays built by {@code dynamic_rnn}, {@code stack},
 * {@code unstack} and equal-length splits.
 *
 * @param element the element shape; null while unknown (no write yet and none declared)
 * @param size    the number of elements when known at import time, else -1
 * @param data    the contents, or null before the first write when the element shape is not declared
 * @param sizeValue an i32 scalar holding the size, kept only while {@code data} is null and the size is not static
 */
public record TensorArrayState(boolean handle, String name, DType dtype, Shape element, boolean dynamic, long size,
                               Value data, Value sizeValue) {

    TensorArrayState withContents(Value newData, long newSize, Shape newElement) {
        return new TensorArrayState(false, name, dtype, newElement, dynamic, newSize, newData, null);
    }

    TensorArrayState asFlow() { return new TensorArrayState(false, name, dtype, element, dynamic, size, data, sizeValue); }
}
