/**
 * Arrays as validation exchanges them: {@link org.tf2torch.validation.io.NdArray}, an immutable dtype + shape +
 * little-endian bytes value that every runner accepts and returns, and the NumPy file formats
 * ({@link org.tf2torch.validation.io.Npy}, {@link org.tf2torch.validation.io.Npz}) used for user inputs, the
 * corpus's reference outputs and the hand-off to a Python subprocess.
 */
package org.tf2torch.validation.io;
