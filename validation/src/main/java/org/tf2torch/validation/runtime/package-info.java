/**
 * Runners that execute a model on each side of a conversion and exchange {@link org.tf2torch.validation.io.NdArray}s:
 * {@link org.tf2torch.validation.runtime.TfSavedModelRunner} and
 * {@link org.tf2torch.validation.runtime.TfGraphDefRunner} run the TensorFlow original in this JVM through TF Java,
 * {@link org.tf2torch.validation.runtime.DjlTorchScriptRunner} runs the TorchScript archive in this JVM through
 * DJL's libtorch, and {@link org.tf2torch.validation.runtime.PythonRunner} runs {@code model.py} or the archive in a
 * Python subprocess when a Python with torch is found. Every failure surfaces as a
 * {@link org.tf2torch.validation.runtime.RunnerException} carrying the engine's own message.
 */
package org.tf2torch.validation.runtime;
