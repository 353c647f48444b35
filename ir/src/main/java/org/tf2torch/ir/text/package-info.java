/**
 * The text form of the IR: a deterministic printer for golden tests and {@code tf2torch inspect --ir}, and a
 * parser that reads it back so pass tests can be written as text in, text out. Weights print as their type
 * only; the parser gives parameters zero data of that type.
 */
package org.tf2torch.ir.text;
