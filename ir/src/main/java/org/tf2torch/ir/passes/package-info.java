/**
 * Graph-to-graph rewrites that keep meaning: dead-code elimination, identity removal, constant folding,
 * transpose sinking and cancellation (so a channels-last conv stack imported from TF ends up with no layout
 * changes between convolutions), and folding weight layout changes into the parameters themselves.
 */
package org.tf2torch.ir.passes;
