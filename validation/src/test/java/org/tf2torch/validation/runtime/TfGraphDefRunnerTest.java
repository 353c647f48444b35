package org.tf2torch.validation.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.TestEnv;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.io.Npy;

class TfGraphDefRunnerTest {
    /** Cases without placeholders that cover scalars, empty arrays, f16, bool, int8/int16 and int64 results. */
    private static final List<String> CHOSEN = List.of("identity/identity_rank0", "DeepCopy/half", "DeepCopy/int64",
            "emptyArrayTests/logical_or/rank1", "reduce_all/rank1", "zeros_like/rank2_float32_dtype_int8",
            "zeros_like/rank2_float32_dtype_int16");

    /** The chosen cases plus every case that has placeholders to feed (bias_add, mlp_00, multiple_outs_a, ...). */
    static Stream<String> cases() throws IOException {
        Path ops = TestEnv.corpus("tf-ops");
        TreeSet<String> all = new TreeSet<>(CHOSEN);
        try (Stream<Path> s = Files.walk(ops)) {
            for (Path c : (Iterable<Path>) s.filter(p -> p.getFileName().toString().equals("case.json"))::iterator) {
                if (!CorpusCase.read(c.getParent()).inputs().isEmpty()) {
                    all.add(ops.relativize(c.getParent()).toString());
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reproducesTensorFlowsStoredOutputs(String name) throws IOException {
        CorpusCase c = CorpusCase.read(TestEnv.corpus("tf-ops/" + name));
        Map<String, NdArray> feeds = new LinkedHashMap<>();
        for (CorpusCase.Entry in : c.inputs()) feeds.put(in.name(), Npy.read(in.file()));
        List<String> fetches = new ArrayList<>();
        for (CorpusCase.Entry out : c.outputs()) fetches.add(out.name());
        try (TfGraphDefRunner tf = TfGraphDefRunner.open(c.dir().resolve(c.model()), 1)) {
            Map<String, NdArray> got = tf.run(feeds, fetches);
            assertEquals(fetches, List.copyOf(got.keySet()));
            for (CorpusCase.Entry out : c.outputs()) {
                NdArray want = Npy.read(out.file());
                NdArray actual = got.get(out.name());
                assertEquals(want.dtype(), actual.dtype(), out.name());
                assertArrayEquals(want.shape(), actual.shape(), out.name());
                double[] tol = CorpusCase.tolerance(want.dtype());
                assertTrue(actual.allClose(want, tol[0], tol[1]),
                        () -> out.name() + ": max |diff| " + actual.maxAbsDiff(want) + "\n got " + actual
                                + "\nwant " + want);
            }
        }
    }

    @Test
    void fetchesIntermediateTensorsByNodeName() throws IOException {
        CorpusCase c = CorpusCase.read(TestEnv.corpus("tf-ops/mlp_00"));
        NdArray input = Npy.read(c.inputs().get(0).file());
        try (TfGraphDefRunner tf = TfGraphDefRunner.open(c.dir().resolve(c.model()))) {
            assertEquals(List.of("input"), tf.placeholders().stream().map(TensorSpec::name).toList());
            assertEquals(DType.F64, tf.placeholders().get(0).dtype());
            String matmul = tf.graphDef().getNodeList().stream().filter(n -> n.getOp().equals("MatMul"))
                    .map(NodeDef::getName).findFirst().orElseThrow();
            assertTrue(tf.nodeNames().contains(matmul));
            Map<String, NdArray> got = tf.run(Map.of("input:0", input), List.of(matmul, "output", matmul + ":0"));
            assertEquals(List.of(matmul, "output", matmul + ":0"), List.copyOf(got.keySet()));
            assertEquals(4, got.get(matmul).shape()[0]);
            assertEquals(got.get(matmul), got.get(matmul + ":0"));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> tf.run(Map.of("input", input), List.of("no_such_node")));
            assertTrue(e.getMessage().contains("no_such_node"), e.getMessage());
            IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                    () -> tf.run(Map.of("input", NdArray.of(new float[20], 4, 5)), List.of("output")));
            assertTrue(wrongType.getMessage().contains("DT_DOUBLE"), wrongType.getMessage());
            RunnerException missingFeed = assertThrows(RunnerException.class,
                    () -> tf.run(Map.of(), List.of("output")));
            assertTrue(missingFeed.getMessage().contains("input"), missingFeed.getMessage());
        }
    }

    /** TF Java 1.1.0 has no int8/int16 tensors; the runner widens placeholders and results through int32. */
    @Test
    void feedsAndFetchesInt8AndInt16(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        GraphDef.Builder g = GraphDef.newBuilder();
        for (DataType t : new DataType[] {DataType.DT_INT8, DataType.DT_INT16}) {
            String x = "x_" + t.name();
            g.addNode(NodeDef.newBuilder().setName(x).setOp("Placeholder").putAttr("dtype", type(t))
                    .putAttr("shape", AttrValue.newBuilder().setShape(TensorShapeProto.newBuilder()
                            .addDim(TensorShapeProto.Dim.newBuilder().setSize(-1))).build()));
            g.addNode(NodeDef.newBuilder().setName("neg_" + t.name()).setOp("Neg").addInput(x).putAttr("T", type(t)));
        }
        Path pb = dir.resolve("narrow.pb");
        Files.write(pb, g.build().toByteArray());
        try (TfGraphDefRunner tf = TfGraphDefRunner.open(pb)) {
            List<TensorSpec> ph = tf.placeholders();
            assertEquals(DType.I8, ph.get(0).dtype());
            assertArrayEquals(new long[] {-1}, ph.get(0).shape());
            NdArray i8 = NdArray.ofDoubles(DType.I8, new double[] {1, -128, 127});
            NdArray i16 = NdArray.ofDoubles(DType.I16, new double[] {300, -32768, 5});
            Map<String, NdArray> feeds = new LinkedHashMap<>();
            feeds.put("x_DT_INT8", i8);
            feeds.put("x_DT_INT16:0", i16);
            Map<String, NdArray> out = tf.run(feeds, List.of("neg_DT_INT8", "neg_DT_INT16", "x_DT_INT8"));
            // int8 negation wraps, as TF computes it: -(-128) == -128
            assertEquals(NdArray.ofDoubles(DType.I8, new double[] {-1, -128, -127}), out.get("neg_DT_INT8"));
            assertEquals(NdArray.ofDoubles(DType.I16, new double[] {-300, -32768, -5}), out.get("neg_DT_INT16"));
            assertEquals(i8, out.get("x_DT_INT8"));
            assertEquals(List.of("x_DT_INT8", "neg_DT_INT8", "x_DT_INT16", "neg_DT_INT16"), tf.nodeNames());
        }
    }

    @Test
    void reportsGraphsTensorFlowCannotImport(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        GraphDef bad = GraphDef.newBuilder().addNode(NodeDef.newBuilder().setName("a").setOp("NoSuchOpAnywhere"))
                .build();
        Path pb = dir.resolve("bad.pb");
        Files.write(pb, bad.toByteArray());
        RunnerException e = assertThrows(RunnerException.class, () -> TfGraphDefRunner.open(pb));
        assertTrue(e.getMessage().contains("NoSuchOpAnywhere"), e.getMessage());
    }

    private static AttrValue type(DataType t) {
        return AttrValue.newBuilder().setType(t).build();
    }
}
