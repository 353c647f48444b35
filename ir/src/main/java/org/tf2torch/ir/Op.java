package org.tf2torch.ir;

import static org.tf2torch.ir.AttrKind.BOOL;
import static org.tf2torch.ir.AttrKind.DTYPE;
import static org.tf2torch.ir.AttrKind.FLOAT;
import static org.tf2torch.ir.AttrKind.GRAPH;
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
    /**
     * ONNX LayerNormalization: X, then optional Scale and B of shape X.shape[axis:]; mean and biased variance over
     * the axes [axis, rank), (x - mean) / sqrt(var + epsilon) * Scale + B. The normalized dims must be static.
     */
    LAYER_NORMALIZATION("layer_norm", 1, 3, optional("axis", INT, -1L), optional("epsilon", FLOAT, 1e-5)),
    /** ONNX Einsum (NumPy einsum, explicit {@code ->} output, {@code ...} for broadcast batch dims). */
    EINSUM("einsum", 1, -1, required("equation", STRING)),

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
    REDUCE_MAX("reduce_max", 1, 1, required("axes", INTS), optional("keepdims", BOOL, false)),
    REDUCE_MIN("reduce_min", 1, 1, required("axes", INTS), optional("keepdims", BOOL, false)),
    REDUCE_PROD("reduce_prod", 1, 1, required("axes", INTS), optional("keepdims", BOOL, false)),
    /** Logical and/or over bool input (TF All/Any); ONNX spells these as ReduceMin/ReduceMax on bool. */
    REDUCE_ALL("reduce_all", 1, 1, required("axes", INTS), optional("keepdims", BOOL, false)),
    REDUCE_ANY("reduce_any", 1, 1, required("axes", INTS), optional("keepdims", BOOL, false)),
    /** Index (i64) of the first maximum/minimum along axis. */
    ARG_MAX("arg_max", 1, 1, required("axis", INT), optional("keepdims", BOOL, false)),
    ARG_MIN("arg_min", 1, 1, required("axis", INT), optional("keepdims", BOOL, false)),
    CUMSUM("cumsum", 1, 1, required("axis", INT), optional("exclusive", BOOL, false), optional("reverse", BOOL, false)),
    CUMPROD("cumprod", 1, 1, required("axis", INT), optional("exclusive", BOOL, false), optional("reverse", BOOL, false)),

    // Comparisons and logic: NumPy broadcasting, bool results
    EQUAL("equal", 2, 2), NOT_EQUAL("not_equal", 2, 2), LESS("less", 2, 2), LESS_EQUAL("less_equal", 2, 2),
    GREATER("greater", 2, 2), GREATER_EQUAL("greater_equal", 2, 2),
    AND("and", 2, 2), OR("or", 2, 2), XOR("xor", 2, 2), NOT("not", 1, 1),
    IS_NAN("is_nan", 1, 1), IS_INF("is_inf", 1, 1),
    /** where(cond, x, y), all three broadcast. */
    WHERE("where", 3, 3),

    // Integer bit operations (ONNX BitwiseAnd/Or/Xor/Not, BitShift)
    BITWISE_AND("bitwise_and", 2, 2), BITWISE_OR("bitwise_or", 2, 2), BITWISE_XOR("bitwise_xor", 2, 2),
    BITWISE_NOT("bitwise_not", 1, 1),
    BIT_SHIFT("bit_shift", 2, 2, required("direction", STRING)),
    /** Reinterprets the bytes as another dtype (TF Bitcast): a wider target drops the last axis, a narrower adds one. */
    BITCAST("bitcast", 1, 1, required("to", DTYPE)),

    // More arithmetic
    /** Division rounding toward negative infinity (floats and integers). */
    FLOOR_DIV("floor_div", 2, 2),
    /** Remainder; fmod=false takes the divisor's sign (Python %, TF FloorMod), true the dividend's (TF TruncateMod). */
    MOD("mod", 2, 2, optional("fmod", BOOL, false)),
    ATAN2("atan2", 2, 2),
    FLOOR("floor", 1, 1), CEIL("ceil", 1, 1),
    /** Round half to even. */
    ROUND("round", 1, 1),
    SIGN("sign", 1, 1), SIN("sin", 1, 1), COS("cos", 1, 1), TAN("tan", 1, 1), ASIN("asin", 1, 1),
    ACOS("acos", 1, 1), ATAN("atan", 1, 1), SINH("sinh", 1, 1), COSH("cosh", 1, 1), ASINH("asinh", 1, 1),
    ACOSH("acosh", 1, 1), ATANH("atanh", 1, 1), ERF("erf", 1, 1), ERFC("erfc", 1, 1), LOG1P("log1p", 1, 1),
    EXPM1("expm1", 1, 1), LGAMMA("lgamma", 1, 1), DIGAMMA("digamma", 1, 1),
    SOFTPLUS("softplus", 1, 1), SOFTSIGN("softsign", 1, 1),
    LEAKY_RELU("leaky_relu", 1, 1, optional("alpha", FLOAT, 0.01)),
    /** ONNX Gelu: approximate "none" is x * Phi(x) with erf, "tanh" the tanh approximation. */
    GELU("gelu", 1, 1, optional("approximate", STRING, "none")),

    // Generation and indexing
    /** Inputs start, limit, delta (scalars of one dtype); 1-D result of ceil((limit-start)/delta) elements. */
    RANGE("range", 3, 3),
    /** ONNX Gather: data, i64/i32 indices; out-of-range indices are an error (TF on CPU errors too). */
    GATHER("gather", 2, 2, required("axis", INT)),
    /** ONNX GatherND with batch_dims. */
    GATHER_ND("gather_nd", 2, 2, optional("batch_dims", INT, 0L)),
    /** Repeats per axis from a 1-D i64 input. */
    TILE("tile", 2, 2),
    /** Splits along axis into pieces of the given sizes: one result per entry of {@code split}. */
    SPLIT("split", 1, 1, required("axis", INT), required("split", INTS)),
    /** Results: values, i64 indices of the k largest (or smallest) along axis, sorted. */
    TOP_K("top_k", 1, 1, required("k", INT), optional("axis", INT, -1L), optional("largest", BOOL, true)),
    /** ONNX OneHot with depth as an attribute: indices → on/off values on a new axis. */
    ONE_HOT("one_hot", 1, 1, required("depth", INT), optional("axis", INT, -1L), optional("on", FLOAT, 1.0),
            optional("off", FLOAT, 0.0), required("to", DTYPE)),

    /** Transposed convolution: X (N,C,spatial), W (C, M/group, k...), optional B; ONNX pads and output_padding. */
    CONV_TRANSPOSE("conv_transpose", 2, 3, required("strides", INTS), required("pads", INTS),
            required("dilations", INTS), optional("group", INT, 1L), required("output_padding", INTS)),
    /**
     * Resize of the spatial axes (channels-first) to {@code sizes}; mode nearest, linear or cubic;
     * coordinate_transformation_mode asymmetric, align_corners, half_pixel or tf_half_pixel_for_nn.
     */
    RESIZE("resize", 1, 1, required("sizes", INTS), required("mode", STRING),
            required("coordinate_transformation_mode", STRING), optional("cubic_coeff_a", FLOAT, -0.75),
            optional("nearest_mode", STRING, "floor"), optional("antialias", BOOL, false)),

    // Linear algebra over the last two axes (ONNX has none of these; semantics are TF's). Leading axes are batch
    // axes, broadcast between operands. Real floating-point dtypes only; results keep the input's dtype.
    /** Determinant of square matrices [..., M, M] → [...]. */
    MATRIX_DETERMINANT("matrix_determinant", 1, 1),
    /** Results: sign (-1, 0 or 1) and log|det| of square matrices, both [...]. */
    SLOGDET("slogdet", 1, 1),
    /** Inverse of square matrices; with adjoint, the inverse of the (conjugate) transpose. */
    MATRIX_INVERSE("matrix_inverse", 1, 1, optional("adjoint", BOOL, false)),
    /** X with A X = B (A^H X = B with adjoint) for A [..., M, M], B [..., M, K]. */
    MATRIX_SOLVE("matrix_solve", 2, 2, optional("adjoint", BOOL, false)),
    /**
     * X with T X = B, T the lower (or upper) triangle of A including the diagonal (the other triangle is never
     * read); with adjoint, T^H X = B. Shapes as {@link #MATRIX_SOLVE}.
     */
    TRIANGULAR_SOLVE("triangular_solve", 2, 2, optional("lower", BOOL, true), optional("adjoint", BOOL, false)),
    /** Lower-triangular L with L L^H = A, reading only A's lower triangle (the upper one is taken as its mirror). */
    CHOLESKY("cholesky", 1, 1),
    /**
     * LU with partial pivoting (largest |pivot|, the first on ties) of square matrices. Results: L and U packed
     * in one [..., M, M] tensor (L's unit diagonal implied), and i64 perm [..., M] with A[perm, :] = L U.
     */
    LU("lu", 1, 1),
    /**
     * Singular value decomposition A = U diag(s) V^H of [..., M, N], P = min(M, N). Results: s [..., P]
     * descending, U [..., M, P] and V [..., N, P] (V, not V^H), or [..., M, M] and [..., N, N] with
     * full_matrices. The signs of U's and V's columns are not unique: any pairing of signs is a valid result.
     */
    SVD("svd", 1, 1, optional("full_matrices", BOOL, false)),
    /** The singular values alone, [..., P] descending. */
    SINGULAR_VALUES("singular_values", 1, 1),

    // Special functions with TF's (Eigen/Cephes) domain conventions; operands broadcast, share a float dtype
    /** Regularized lower incomplete gamma P(a, x): 0 where x == 0; NaN where x < 0 or a <= 0. */
    IGAMMA("igamma", 2, 2),
    /** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x): NaN where x < 0 or a <= 0. */
    IGAMMAC("igammac", 2, 2),
    /** Hurwitz zeta(x, q) = sum_k (k + q)^-x: inf where x == 1, NaN where x < 1. */
    ZETA("zeta", 2, 2),
    /** polygamma(n, x) for a tensor n: NaN where n is not an integer, digamma where n == 0. */
    POLYGAMMA("polygamma", 2, 2),
    /**
     * Regularized incomplete beta I_x(a, b): NaN where a <= 0, b <= 0 or x outside [0, 1]; 0 at x == 0 and
     * 1 at x == 1.
     */
    BETAINC("betainc", 3, 3),
    /**
     * TF's greedy non-maximum suppression (NonMaxSuppressionV2-V5; not ONNX's batched NonMaxSuppression). Inputs:
     * boxes [N,4] (two corners, either order), scores [N], max_output_size, iou_threshold, score_threshold and
     * soft_nms_sigma (scalars). Candidates scoring above score_threshold are taken best first (ties: lower index);
     * one is kept unless its IoU (float32) with a kept box exceeds iou_threshold; with soft_nms_sigma > 0 nothing
     * is dropped by IoU, scores decay by exp(-0.5 * iou^2 / sigma) instead and re-enter the queue. Results: i64
     * indices in selection order, their scores, the i64 count; pad_to_max_output_size zero-pads both lists to
     * max_output_size entries.
     */
    NON_MAX_SUPPRESSION("non_max_suppression", 6, 6, optional("pad_to_max_output_size", BOOL, false)),
    /**
     * TF's CropAndResize, channels-first: image X (B,C,H,W), boxes [K,4] (y1, x1, y2, x2, normalized), box_index
     * [K] → float32 (K,C,crop_h,crop_w). Sample y = y1 * (H-1) + i * (y2-y1) * (H-1) / (crop_h-1) (the box centre
     * when crop_h is 1), likewise x, in float32; bilinear takes floor/ceil neighbours with lerp = y - floor(y),
     * nearest rounds half away from zero; a sample outside [0, H-1] x [0, W-1] gives extrapolation_value.
     */
    CROP_AND_RESIZE("crop_and_resize", 3, 3, required("sizes", INTS), required("mode", STRING),
            optional("extrapolation_value", FLOAT, 0.0)),
    /**
     * TF's DrawBoundingBoxes, channels-first: images (B,C,H,W), boxes [B,K,4] (y_min, x_min, y_max, x_max,
     * normalized), colors [M, >=C] float32. Box k's edges are the rows/columns trunc(coord * (size-1)) in float32,
     * drawn one pixel wide in colour k mod M, clipped to the image; inverted or fully outside boxes are skipped;
     * a later box paints over an earlier one. Result: the images' type and shape.
     */
    DRAW_BOUNDING_BOXES("draw_bounding_boxes", 3, 3),
    // Data-dependent result shapes (see DynamicShapes): sizes known only when the model runs
    /** ONNX NonZero: i64 [rank, n] coordinates of the non-zero elements, row-major order. */
    NON_ZERO("non_zero", 1, 1),
    /**
     * ONNX Unique over the flattened input. Results: unique values, i64 index of each one's first occurrence,
     * i64 inverse index of every input element, i64 counts; sorted=false keeps first-occurrence order.
     */
    UNIQUE("unique", 1, 1, optional("sorted", BOOL, true)),
    /**
     * ONNX ScatterND: data with the slices at indices[..., :q] replaced by (reduction none) or combined with
     * (add, mul, max, min) the updates; repeated indices combine in index order.
     */
    SCATTER_ND("scatter_nd", 3, 3, optional("reduction", STRING, "none")),
    /** Its input unchanged; fails at run time with {@code message} when the input holds a NaN or an infinity. */
    CHECK_FINITE("check_finite", 1, 1, required("message", STRING)),
    /**
     * Its input unchanged; fails at run time with {@code message} when any of the dims {@code axes} has size 1
     * (TF's Squeeze without axes would drop such a dim, a rank the converted graph does not have).
     */
    CHECK_DIMS_NOT_ONE("check_dims_not_one", 1, 1, required("axes", INTS), required("message", STRING)),
    // Recurrent layers: batch-major sequences, Keras's weight layout, default activations (tanh, sigmoid)
    /**
     * LSTM over X [B,T,I] from h0, c0 [B,U]; W [I,4U], R [U,4U], bias [4U] with the gates in Keras's order i, f,
     * c, o: z = x_t W + h R + bias, c' = sigmoid(f) c + sigmoid(i) tanh(c~), h' = sigmoid(o) tanh(c').
     * Results: every step's h [B,T,U], the final h and c [B,U].
     */
    LSTM("lstm", 6, 6),
    /**
     * GRU with the reset gate applied after the recurrent matmul (Keras reset_after=True, PyTorch's formula): X
     * [B,T,I], h0 [B,U], W [I,3U], R [U,3U], bias [2,3U] (input bias, recurrent bias), gates in Keras's order z, r,
     * h: x = x_t W + bias[0], g = h R + bias[1], z, r = sigmoid(x + g), n = tanh(x_h + r g_h), h' = z h + (1-z) n.
     * Results: every step's h [B,T,U] and the final h [B,U].
     */
    GRU("gru", 5, 5),
    // Control flow
    /**
     * A while loop: inputs are the initial values of the {@code carried} loop variables, then values captured
     * from the enclosing graph. The subgraphs {@code cond} and {@code body} both take [carried..., captured...];
     * cond returns one bool scalar, body the next carried values. Results are the carried values once cond is
     * false (see {@link Loops}).
     */
    LOOP("loop", 0, -1, required("carried", INT), required("cond", GRAPH), required("body", GRAPH));

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

    /** Results per node, or -1 when the attributes decide ({@link #numOutputs(Attrs)}). */
    public int numOutputs() {
        if (this == SPLIT || this == LOOP) return -1;
        if (this == SVD) return 3;
        if (this == SLOGDET || this == LU) return 2;
        if (this == NON_MAX_SUPPRESSION) return 3;
        if (this == UNIQUE) return 4;
        if (this == LSTM) return 3;
        if (this == GRU) return 2;
        return this == TOP_K ? 2 : 1;
    }

    public int numOutputs(Attrs a) {
        if (this == LOOP) return Math.toIntExact(a.i("carried"));
        return this == SPLIT ? a.ints("split").length : numOutputs();
    }

    /** True when some attribute holds a subgraph; passes that do not look inside must treat the node as opaque. */
    public boolean hasSubgraphs() {
        for (AttrSpec a : attrs) if (a.kind() == GRAPH) return true;
        return false;
    }

    public AttrSpec attr(String name) {
        for (AttrSpec a : attrs) if (a.name().equals(name)) return a;
        return null;
    }

    public boolean isElementwiseUnary() {
        switch (this) {
            case IDENTITY: case NEG: case ABS: case EXP: case LOG: case SQRT: case RECIPROCAL: case RELU:
            case SIGMOID: case TANH: case ELU: case SELU: case CLIP: case CAST: case FLOOR: case CEIL: case ROUND:
            case SIGN: case SIN: case COS: case TAN: case ASIN: case ACOS: case ATAN: case SINH: case COSH: case ASINH:
            case ACOSH: case ATANH: case ERF: case ERFC: case LOG1P: case EXPM1: case LGAMMA: case DIGAMMA:
            case SOFTPLUS: case SOFTSIGN: case LEAKY_RELU: case NOT: case BITWISE_NOT: case IS_NAN: case IS_INF:
                return true;
            default:
                return false;
        }
    }

    public boolean isElementwiseBinary() {
        switch (this) {
            case ADD: case SUB: case MUL: case DIV: case POW: case MAX: case MIN: case FLOOR_DIV: case MOD: case ATAN2:
            case EQUAL: case NOT_EQUAL: case LESS: case LESS_EQUAL: case GREATER: case GREATER_EQUAL: case AND:
            case OR: case XOR: case BITWISE_AND: case BITWISE_OR: case BITWISE_XOR: case BIT_SHIFT:
                return true;
            default:
                return false;
        }
    }

    /** Ops whose result is bool whatever the operands' dtype. */
    public boolean isPredicate() {
        switch (this) {
            case EQUAL: case NOT_EQUAL: case LESS: case LESS_EQUAL: case GREATER: case GREATER_EQUAL: case IS_NAN:
            case IS_INF:
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
