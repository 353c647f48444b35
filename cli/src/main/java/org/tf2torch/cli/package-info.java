/**
 * The {@code tf2torch} command line (picocli): it parses arguments, calls the importers, exporters and
 * validation modules, writes outputs atomically, and maps failures to the documented exit codes with
 * one-paragraph messages instead of stack traces.
 */
package org.tf2torch.cli;
