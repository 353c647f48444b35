/**
 * Exporters turn an IR graph into PyTorch files: readable {@code nn.Module} code, a safetensors state_dict and a
 * TorchScript archive that loads in libtorch and {@code torch.jit.load}, all written from Java with tensor data
 * streamed from the IR's lazy tensors rather than copied into the heap.
 */
package org.tf2torch.exporters;
