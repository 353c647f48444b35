/**
 * The PyTorch exporter: {@link org.tf2torch.exporters.pytorch.PyTorchExporter} turns an IR graph into a readable
 * {@code nn.Module} in model.py, its state_dict (safetensors or a {@code torch.save} zip) and a TorchScript
 * archive of the same module. A {@code ModulePlan} fixes every name once (one sanitizer, {@link
 * org.tf2torch.exporters.pytorch.PyNames}, and one escaper, {@link org.tf2torch.exporters.pytorch.PyStrings}, so
 * no model-supplied text reaches the code raw), then the forward writer runs the op emitters once per dialect
 * and the module and archive writers wrap the results.
 */
package org.tf2torch.exporters.pytorch;
