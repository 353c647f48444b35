/**
 * Batch conversion of a model zoo: find the cases under a folder or in a YAML manifest, convert and validate
 * each (in this JVM, or on worker JVMs that isolate native crashes), record every finished case atomically so a
 * killed run resumes, split the zoo into shards and merge their results, rank missing ops in a preflight, and
 * write summary.json, summary.md, summary.html and junit.xml. See docs/zoo.md.
 */
package org.tf2torch.cli.zoo;
