/**
 * Validation runs the original TensorFlow model and its PyTorch conversion side by side on the same inputs and
 * compares what they compute: TensorFlow through TF Java, PyTorch through DJL's libtorch in this JVM or through a
 * Python subprocess, so that a conversion is judged by numbers rather than by inspection.
 */
package org.tf2torch.validation;
