/**
 * TF op translators, one family class per kind of op ({@code MathOps}, {@code NnOps}, {@code ArrayOps}, ...),
 * each registering its ops in {@link org.tf2torch.importers.ops.OpRegistry#standard()}, the one explicit list.
 * A translator sees one TF node through {@link org.tf2torch.importers.ops.OpContext} and emits IR nodes; TF's
 * channels-last ops are wrapped in transposes that the IR passes cancel later.
 */
package org.tf2torch.importers.ops;
