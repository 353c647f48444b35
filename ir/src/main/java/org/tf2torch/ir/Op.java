package org.tf2torch.ir;

import static org.tf2torch.ir.AttrKind.BOOL;
import static org.tf2torch.ir.AttrKind.DTYPE;
import static org.tf2torch.ir.AttrKind.FLOAT;
import static org.tf2torch.ir.AttrKind.INT;
import static org.tf2torch.ir.AttrKind.INTS;
import static org.tf2torch.ir.AttrKind.STRING;
import static org.tf2torch.ir.AttrKind.TENSOR;
import static org.tf2torch.ir.AttrSpec.optional;
import static org.tf2torch.ir.AttrSpec.required;

import java.util.List;

/**
 * The closed operator set. Semantics follow the ONNX operator of the same name (broadcasting, pads as
 * {@code [x1_begin, x2_begin, ..., x1_end, x2_end]}, channels-first spatial ops); where ONNX takes a static
 * list as an input tensor (axes, pads) the IR keeps it as an attribute. Adding an op is a reviewed change.
 */
public enum Op {
    // Sources
    CONSTANT("const", 0, 0, required("value", TENSOR)),
    PARAM("param", 0, 0, required("name", STRING)),

    IDENTITY("identity", 1, 1),

    // Element-wise binary, NumPy broadcasting
    ADD("add", 2, 2), SUB("sub", 2, 2), MUL("mul", 2, 2),
    /** True division for floats; integer division truncates toward zero (ONNX, TF Div). */
    DIV("div", 2, 2),
    POW("pow", 2, 2), MAX("max", 2, 2), MIN("min", 2, 2),

    // Element-wise unary
    NEG("neg", 1, 1), ABS("abs", 1, 1), EXP("exp", 1, 1), LOG("log", 1, 1), SQRT("sqrt", 1, 1),
    RECIPROCAL("reciprocal", 1, 1), RELU("relu", 1, 1), SIGMOID("sigmoid", 1, 1), TANH("tanh", 1, 1),
    ELU("elu", 1, 1, optional("alpha", FLOAT, 1.0)),
    SELU("selu", 1, 1),
    CLIP("clip", 1, 1, required("min", FLOAT), required("max", FLOAT)),

    SOFTMAX("softmax", 1, 1, optional("axis", INT, -1L)),
    LOG_SOFTMAX("log_softmax", 1, 1, optional("axis", INT, -1L)),

    // Linear algebra and neural-network ops
    MATMUL("matmul", 2, 2),
    /** Inputs X (N,C,spatial...), W (M,C/group,k...), optional B (M). */
    CONV("conv", 2, 3, required("strides", INTS), required("pads", INTS), required("dilations", INTS),
            optional("group", INT, 1L)),
    MAX_POOL("max_pool", 1, 1, required("kernel_shape", INTS), required("strides", INTS), required("pads", INTS)),
    AVERAGE_POOL("avg_pool", 1, 1, required("kernel_shape", INTS), required("strides", INTS), required("pads", INTS),
            optional("count_include_pad", BOOL, false)),
    /** Inference form: inputs X, scale, B, mean, var; statistics on axis 1. */
    BATCH_NORMALIZATION("batch_norm", 5, 5, optional("epsilon", FLOAT, 1e-5)),

    // Shape and layout
    /** Inputs data and a 1-D i64 shape; -1 infers one dimension, 0 means 0 (ONNX allowzero=1). */
    RESHAPE("reshape", 2, 2),
    TRANSPOSE("transpose", 1, 1, required("perm", INTS)),
    CONCAT("concat", 1, -1, required("axis", INT)),
    SQUEEZE("squeeze", 1, 1, required("axes", INTS)),
    UNSQUEEZE("unsqueeze", 1, 1, required("axes", INTS)),
    /** Per-axis [start, end) with step; bounds clamp as in ONNX. */
    SLICE("slice", 1, 1, required("starts", INTS), required("ends", INTS), required("axes", INTS),
            required("steps", INTS)),
    SHAPE("shape", 1, 1),
    CAST("cast", 1, 1, required("to", DTYPE)),
    /** ONNX pads order; mode constant, reflect or edge. */
    PAD("pad", 1, 1, required("pads", INTS), optional("mode", STRING, "constant"), optional("value", FLOAT, 0.0)),
    /** Broadcasts input to the 1-D i64 shape (NumPy rules, as ONNX Expand). */
    EXPAND("expand", 2, 2),

    // Reductions over attribute axes; empty axes reduce everything
    REDUCE_MEAN("reduce_mean", 1, 1, required("axes", INTS), optional("keepdims", BOOL, false)),
    REDUCE_SUM("reduce_sum", 1, 1, required("axes", INTS), optional("keepdims", BOOL, false)),
    REDUCE_MAX("reduce_max", 1, 1, required("axes", INTS), optional("keepdims", BOOL, false));

    private final String textName;
    private final int minInputs;
    private final int maxInputs;
    private final List<AttrSpec> attrs;

    Op(String textName, int minInputs, int maxInputs, AttrSpec... attrs) {
        this.textName = textName;
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
        this.attrs = List.of(attrs);
    }

    /** Lower-case name used by the text form. */
    public String textName() { return textName; }
    public int minInputs() { return minInputs; }
    /** -1 for variadic. */
    public int maxInputs() { return maxInputs; }
    public List<AttrSpec> attrs() { return attrs; }

    /** Results per node; every op has one today, so the text form and the verifier check it in one place. */
    public int numOutputs() { return 1; }

    public AttrSpec attr(String name) {
        for (AttrSpec a : attrs) if (a.name().equals(name)) return a;
        return null;
    }

    public boolean isElementwiseUnary() {
        switch (this) {
            case IDENTITY: case NEG: case ABS: case EXP: case LOG: case SQRT: case RECIPROCAL: case RELU:
            case SIGMOID: case TANH: case ELU: case SELU: case CLIP: case CAST:
                return true;
            default:
                return false;
        }
    }

    public boolean isElementwiseBinary() {
        switch (this) {
            case ADD: case SUB: case MUL: case DIV: case POW: case MAX: case MIN:
                return true;
            default:
                return false;
        }
    }

    public static Op fromTextName(String name) {
        for (Op o : values()) if (o.textName.equals(name)) return o;
        throw new IllegalArgumentException("unknown op '" + name + "'");
    }
}
