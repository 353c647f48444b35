/**
 * A small JSON reader and writer shared by every module (conversion manifests, reports, corpus case files),
 * so the project needs no JSON library: values are {@code Map} (insertion-ordered), {@code List},
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean} and {@code null}.
 */
package org.tf2torch.ir.json;
