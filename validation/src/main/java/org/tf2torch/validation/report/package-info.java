/**
 * Renderings of a {@link org.tf2torch.validation.compare.ValidationResult} with the
 * {@link org.tf2torch.validation.report.Environment} it ran in: a console summary, a schema-versioned JSON document
 * for tools, JUnit XML for CI systems and a self-contained HTML page for people. Every name in a result comes from
 * a model and may be hostile, so each format escapes through one function of its own and nothing is written raw.
 */
package org.tf2torch.validation.report;
