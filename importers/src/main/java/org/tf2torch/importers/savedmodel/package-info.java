/**
 * Reading a SavedModel directory with TF's generated protos and no TF runtime: choosing the MetaGraph by tag
 * and the signature by key, and mapping the variables the signature reads to the tensors stored in
 * {@code variables/} (TF2 object paths through the checkpoint's object graph, TF1 names directly).
 */
package org.tf2torch.importers.savedmodel;
