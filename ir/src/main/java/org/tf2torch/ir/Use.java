package org.tf2torch.ir;

/** One consumer of a value: the node and the operand slot it reads it in. */
public record Use(Node user, int operand) {}
