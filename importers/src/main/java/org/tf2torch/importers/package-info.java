/**
 * Importers read TensorFlow models into the IR: a SavedModel directory (its {@code saved_model.pb}, the
 * chosen MetaGraph and signature, and the variables in its tensor bundle) or a frozen GraphDef, inline the
 * function library, translate each TF op through the op families, and collect every unsupported op into an
 * import report instead of stopping at the first one. They need neither Python nor the TensorFlow runtime:
 * the protos are parsed with the generated classes and the variables are read in pure Java.
 */
package org.tf2torch.importers;
