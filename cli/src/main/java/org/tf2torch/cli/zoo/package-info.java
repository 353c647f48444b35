/**
 * Batch conversion of a model zoo: find every case under a folder, convert and validate each in-process with
 * a per-case timeout, keep going after failures, and write summary.json, summary.md and junit.xml.
 */
package org.tf2torch.cli.zoo;
