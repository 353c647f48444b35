/**
 * One emitter per IR op, grouped in families ({@code ElementwiseEmitters}, {@code NnEmitters},
 * {@code PoolEmitters}, {@code ShapeEmitters}, {@code SliceEmitters}, {@code ReduceEmitters}) and listed once in
 * {@link org.tf2torch.exporters.pytorch.ops.Emitters}. Each writes the op's ONNX semantics exactly, for both
 * {@link org.tf2torch.exporters.pytorch.ops.Dialect}s: model.py's eager Python and the TorchScript archive's
 * serialized form, which differ only in spelling (functions, argument passing, dtypes), never in what is
 * computed.
 */
package org.tf2torch.exporters.pytorch.ops;
