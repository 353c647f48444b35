package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * TF's fused RNN kernels against TensorFlow itself (TF Java runs the original graph on random inputs): every
 * result of LSTMBlockCell (peepholes, clipping, forget bias, the default cell_clip), GRUBlockCell, BlockLSTM with
 * a constant and a run-time seq_len_max, and BlockLSTMV2's other gate order.
 */
class RnnCellOpsCheckTest {
    static final int BATCH = 2;
    static final int INPUT = 3;
    static final int CELLS = 4;
    static final int TIME = 5;

    @TempDir
    Path tmp;

    @Test
    void lstmBlockCellWithPeepholesClipAndForgetBias() throws Exception {
        check("lstm_peep", g -> {
            GraphOperationBuilder b = lstmCell(g, "LSTMBlockCell");
            b.setAttr("forget_bias", 0.7f).setAttr("cell_clip", 0.5f).setAttr("use_peephole", true).build();
        }, outputs("cell", 7));
    }

    /** No cell_clip attribute: the op definition's default of 3 applies; cs_prev is scaled so it matters. */
    @Test
    void lstmBlockCellDefaultClip() throws Exception {
        check("lstm_default_clip", g -> lstmCell(g, "LSTMBlockCell").build(), outputs("cell", 7));
    }

    @Test
    void gruBlockCell() throws Exception {
        check("gru", g -> {
            Ops tf = Ops.create(g.graph);
            Operand<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, INPUT)));
            Operand<TFloat32> h = tf.withName("h").placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, CELLS)));
            g.graph.opBuilder("GRUBlockCell", "cell", g.graph.baseScope()).addInput(x.asOutput()).addInput(h.asOutput())
                    .addInput(g.weights(tf, "w_ru", INPUT + CELLS, 2 * CELLS).asOutput())
                    .addInput(g.weights(tf, "w_c", INPUT + CELLS, CELLS).asOutput())
                    .addInput(g.weights(tf, "b_ru", 2 * CELLS).asOutput())
                    .addInput(g.weights(tf, "b_c", CELLS).asOutput())
                    .setAttr("T", DataType.DT_FLOAT).build();
        }, outputs("cell", 4));
    }

    @Test
    void blockLstmFullLength() throws Exception {
        check("block_full", g -> blockLstm(g, "BlockLSTM", g.int64(TIME)).setAttr("forget_bias", 1.5f)
                .setAttr("cell_clip", 0.8f).setAttr("use_peephole", true).build(), outputs("lstm", 7));
    }

    /** Past seq_len_max TF zeroes cs and h and leaves the gate results unwritten, so only cs and h compare. */
    @Test
    void blockLstmShorterConstantLength() throws Exception {
        check("block_short", g -> blockLstm(g, "BlockLSTM", g.int64(3)).setAttr("forget_bias", 1.0f)
                .setAttr("cell_clip", -1.0f).build(), List.of("lstm:1", "lstm:6"));
    }

    /** seq_len_max 0: no step runs and cs and h are all zeros. */
    @Test
    void blockLstmZeroLength() throws Exception {
        check("block_zero", g -> blockLstm(g, "BlockLSTM", g.int64(0)).build(), List.of("lstm:1", "lstm:6"));
    }

    /** seq_len_max fed at run time, drawn from [0, TIME] over several samples. */
    @Test
    void blockLstmRunTimeLength() throws Exception {
        check("block_runtime", g -> {
            Ops tf = Ops.create(g.graph);
            Operand<TInt64> seq = tf.withName("seq").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
            blockLstm(g, "BlockLSTM", seq).setAttr("cell_clip", -1.0f).setAttr("use_peephole", true).build();
        }, List.of("lstm:1", "lstm:6"), "--int-range", "0:" + (TIME + 1), "--samples", "8");
    }

    /** IFCO gate order and no forget bias. */
    @Test
    void blockLstmV2() throws Exception {
        check("block_v2", g -> blockLstm(g, "BlockLSTMV2", g.int64(TIME)).setAttr("cell_clip", 0.5f)
                .setAttr("use_peephole", true).build(), outputs("lstm", 7));
    }

    private static List<String> outputs(String node, int n) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < n; k++) out.add(node + ":" + k);
        return out;
    }

    /** x, cs_prev (scaled by 4 so that clipping is reached), h_prev placeholders and the weights of one cell. */
    private static GraphOperationBuilder lstmCell(Builder g, String op) {
        Ops tf = Ops.create(g.graph);
        Operand<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, INPUT)));
        Operand<TFloat32> cs = tf.withName("cs").placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, CELLS)));
        Operand<TFloat32> h = tf.withName("h").placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, CELLS)));
        Operand<TFloat32> csBig = tf.withName("cs_big").math.mul(cs, tf.constant(4.0f));
        GraphOperationBuilder b = g.graph.opBuilder(op, "cell", g.graph.baseScope()).addInput(x.asOutput())
                .addInput(csBig.asOutput()).addInput(h.asOutput());
        return g.lstmWeights(tf, b);
    }

    private static GraphOperationBuilder blockLstm(Builder g, String op, Operand<TInt64> seq) {
        Ops tf = Ops.create(g.graph);
        Operand<TFloat32> x = tf.withName("x").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(TIME, BATCH, INPUT)));
        Operand<TFloat32> cs = tf.withName("cs").placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, CELLS)));
        Operand<TFloat32> h = tf.withName("h").placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, CELLS)));
        GraphOperationBuilder b = g.graph.opBuilder(op, "lstm", g.graph.baseScope()).addInput(seq.asOutput())
                .addInput(x.asOutput()).addInput(cs.asOutput()).addInput(h.asOutput());
        return g.lstmWeights(tf, b);
    }

    /** The graph under construction and a seeded source of weights. */
    static final class Builder {
        final Graph graph = new Graph();
        private final Random random = new Random(7);

        Operand<TFloat32> weights(Ops tf, String name, int... shape) {
            int n = 1;
            for (int s : shape) n *= s;
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = (float) (random.nextGaussian() * 0.6);
            long[] dims = new long[shape.length];
            for (int i = 0; i < shape.length; i++) dims[i] = shape[i];
            return tf.withName(name).constant(Shape.of(dims), org.tensorflow.ndarray.buffer.DataBuffers.of(v));
        }

        Operand<TInt64> int64(long v) { return Ops.create(graph).withName("seq_len_max").constant(v); }

        GraphOperationBuilder lstmWeights(Ops tf, GraphOperationBuilder b) {
            return b.addInput(weights(tf, "w", INPUT + CELLS, 4 * CELLS).asOutput())
                    .addInput(weights(tf, "wci", CELLS).asOutput()).addInput(weights(tf, "wcf", CELLS).asOutput())
                    .addInput(weights(tf, "wco", CELLS).asOutput()).addInput(weights(tf, "b", 4 * CELLS).asOutput())
                    .setAttr("T", DataType.DT_FLOAT);
        }
    }

    private void check(String name, Consumer<Builder> build, List<String> outputs, String... extra) throws Exception {
        Path pb = tmp.resolve(name + ".pb");
        Builder g = new Builder();
        try {
            build.accept(g);
            Files.write(pb, g.graph.toGraphDef().toByteArray());
        } finally {
            g.graph.close();
        }
        List<String> args = new ArrayList<>(List.of("check", pb.toString(), "--outputs", String.join(",", outputs)));
        args.addAll(List.of(extra));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS"), r.out());
    }
}
