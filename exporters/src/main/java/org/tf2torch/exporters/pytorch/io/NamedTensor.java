package org.tf2torch.exporters.pytorch.io;

import java.util.Objects;
import org.tf2torch.ir.Tensor;

/** A tensor with the key it is stored under (a state_dict key, a safetensors name or a module attribute). */
public record NamedTensor(String name, Tensor tensor) {
    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tensor, "tensor");
    }
}
