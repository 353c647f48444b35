/**
 * The neutral graph IR every importer produces and every exporter consumes: a {@link org.tf2torch.ir.Graph} of
 * {@link org.tf2torch.ir.Node}s drawn from the closed {@link org.tf2torch.ir.Op} set (ONNX semantics,
 * channels-first), SSA {@link org.tf2torch.ir.Value}s typed by {@link org.tf2torch.ir.TensorType}, and tensor data
 * that stays in its source file until written ({@link org.tf2torch.ir.FileSliceTensor}).
 */
package org.tf2torch.ir;
