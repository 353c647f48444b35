/**
 * Reads TensorFlow's tensor bundle, the {@code variables/} folder of a SavedModel, in pure Java: the
 * {@code variables.index} file is a LevelDB-style sorted table (optionally Snappy-compressed blocks) whose
 * empty key holds a {@code BundleHeaderProto} and whose other keys map variable names to
 * {@code BundleEntryProto}s (type, shape, shard, offset, size, CRC32C), and the {@code variables.data-*}
 * shards hold the raw little-endian bytes. {@link org.tf2torch.importers.bundle.TensorBundle} checks the
 * index and shard sizes when opened and hands out lazy {@link org.tf2torch.ir.FileSliceTensor}s, so weights
 * are only read when an exporter writes them; every malformed input becomes an
 * {@link org.tf2torch.importers.ImportException} naming the file and what to do.
 */
package org.tf2torch.importers.bundle;
