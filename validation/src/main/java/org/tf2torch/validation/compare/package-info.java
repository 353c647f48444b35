/**
 * Judging PyTorch outputs against TensorFlow's: {@link org.tf2torch.validation.compare.Comparator} compares one
 * output with NumPy {@code allclose} semantics under per-dtype {@link org.tf2torch.validation.compare.Tolerances},
 * and {@link org.tf2torch.validation.compare.ValidationResult} gathers the comparisons of every sample and backend
 * with the optional divergence and benchmark sections into the one value all reports render and the exit status is
 * derived from.
 */
package org.tf2torch.validation.compare;
