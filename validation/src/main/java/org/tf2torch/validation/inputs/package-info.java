/**
 * The inputs a validation run feeds to both sides of a conversion:
 * {@link org.tf2torch.validation.inputs.InputGenerator} makes seeded random tensors from the model's signature
 * (dynamic dimensions sized from options), and
 * {@link org.tf2torch.validation.inputs.InputFiles} loads user-given {@code .npz} files or directories of
 * {@code .npy} files and checks them against the signature. Generation is a pure function of the signature, the
 * options and the sample index, so a failing run can be reproduced from its report alone.
 */
package org.tf2torch.validation.inputs;
