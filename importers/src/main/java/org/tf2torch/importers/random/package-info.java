/**
 * TensorFlow's CPU random number generation reproduced bit for bit: the Philox4x32-10 generator, TF's
 * distributions over it, and its rejection samplers. Used to freeze seeded random ops to the values TF draws.
 */
package org.tf2torch.importers.random;
