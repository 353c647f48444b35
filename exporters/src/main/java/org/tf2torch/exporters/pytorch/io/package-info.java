/**
 * Binary writers for PyTorch's file formats, all streaming tensor bytes straight from
 * {@link org.tf2torch.ir.Tensor#writeTo(java.nio.channels.WritableByteChannel)} so that a model larger than the
 * heap converts: safetensors files, {@code torch.save}-compatible state_dict zips and TorchScript archives,
 * built on a small pickle writer and a streaming, 64-byte-aligned, ZIP64-capable ZIP writer; the only pickles
 * this project writes are PyTorch's own structure records, never arbitrary objects.
 */
package org.tf2torch.exporters.pytorch.io;
