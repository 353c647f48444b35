package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.Node;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorType;

/**
 * What an emitter sees of the method being written: operand expressions, constant operands, types, and a way
 * to add statements. Operand expressions are atoms (a local, an argument, {@code self.<attr>}), so an emitter
 * may combine them with operators without parentheses.
 */
public interface EmitContext {
    Dialect dialect();

    Node node();

    /** The expression for operand {@code i}; a small constant is turned into a local the first time. */
    String operand(int i);

    /** Operand {@code i}'s data when it is a CONSTANT, else null; reading it adds no code. */
    Tensor constant(int i);

    TensorType operandType(int i);

    TensorType resultType();

    /** Adds {@code <fresh local> = expr} and returns the local, for intermediate steps. */
    String temp(String hint, String expr);

    /** A fresh local name that no statement defines, e.g. a comprehension variable. */
    String freshName(String hint);

    /**
     * Adds one statement line as written, for control flow no expression can hold (a data-dependent loop). A
     * block's body lines start with four more spaces than its header; locals come from {@link #freshName}.
     */
    void statement(String line);

    /** Adds the statement that defines the node's result. Call exactly once. */
    void result(String expr);

    /**
     * For a node with several results (SPLIT, TOP_K): adds {@code a, b, ... = expr}, where {@code expr} yields
     * a tuple or list of exactly that many tensors. Call exactly once, instead of {@link #result}.
     */
    void results(String expr);

    /**
     * Adds a compound statement: {@code header} (e.g. {@code for i in range(9):}) and then {@code body}, each line
     * indented one level further (a body line may carry more indentation of its own for nested blocks). Locals
     * the body assigns must come from {@link #temp} or {@link #freshName}.
     */
    void block(String header, java.util.List<String> body);

    /**
     * Adds a run-time check: when {@code condition} (a Python bool expression) holds, forward raises a
     * RuntimeError with {@code message}. Call before {@link #result}.
     */
    void raiseIf(String condition, String message);
}
