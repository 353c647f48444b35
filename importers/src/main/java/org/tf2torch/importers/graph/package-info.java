/**
 * The TF graph walker: starting from the requested outputs it translates only what they need, inlines
 * {@code PartitionedCall}/{@code StatefulPartitionedCall} bodies from the function library, follows resource
 * handles to the variables they name, and records every node it cannot translate instead of stopping.
 */
package org.tf2torch.importers.graph;
