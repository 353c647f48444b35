package org.tf2torch.importers.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tf2torch.importers.ImportOptions;
import org.tf2torch.importers.ImportResult;
import org.tf2torch.importers.ModelImporter;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.importers.random.Philox4x32;
import org.tf2torch.importers.random.PhiloxDistributions;
import org.tf2torch.importers.random.RandomSamplers;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/** Seeded random ops become TF's first draw with a warning; unseeded or run-time-shaped ones are refused. */
class RandomOpsTest {
    @TempDir
    Path dir;

    @Test
    void seededUniformIsFrozenToTheDrawWithAWarning() throws Exception {
        ImportResult r = load(graph(shapeConst("shape", 2, 3), random("u", "RandomUniform", 7, 3, "shape")));
        Value out = r.graph().outputs().get("u");
        assertTrue(out.isConstant(), "frozen to a constant");
        assertArrayEquals(PhiloxDistributions.uniformFloat(new Philox4x32(7, 3), 6),
                TensorValues.toDoubles(out.constantValue()));
        assertEquals(1, r.warnings().size());
        String w = r.warnings().get(0);
        assertTrue(w.contains("'u'") && w.contains("RandomUniform") && w.contains("every call"), w);
    }

    @Test
    void unseededOpIsRefused() throws Exception {
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class,
                () -> load(graph(shapeConst("shape", 4), random("n", "RandomStandardNormal", 0, 0, "shape"))));
        String reason = e.report().unsupported().get(0).reason();
        assertTrue(reason.contains("without a seed"), reason);
    }

    @Test
    void runTimeShapeIsRefused() throws Exception {
        NodeDef x = NodeDef.newBuilder().setName("x").setOp("Placeholder")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                .putAttr("shape", AttrValue.newBuilder().setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dim.newBuilder().setSize(-1))).build()).build();
        NodeDef shape = NodeDef.newBuilder().setName("s").setOp("Shape").addInput("x")
                .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                .putAttr("out_type", AttrValue.newBuilder().setType(DataType.DT_INT32).build()).build();
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class,
                () -> load(graph(x, shape, random("u", "RandomUniform", 1, 2, "s"))));
        String reason = e.report().unsupported().get(0).reason();
        assertTrue(reason.contains("only known at run time"), reason);
    }

    @Test
    void shuffleGathersRowsByTheDrawnPermutation() throws Exception {
        NodeDef x = NodeDef.newBuilder().setName("x").setOp("Placeholder")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                .putAttr("shape", AttrValue.newBuilder().setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dim.newBuilder().setSize(5))
                        .addDim(TensorShapeProto.Dim.newBuilder().setSize(2))).build()).build();
        NodeDef shuffle = NodeDef.newBuilder().setName("sh").setOp("RandomShuffle").addInput("x")
                .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                .putAttr("seed", AttrValue.newBuilder().setI(1).build())
                .putAttr("seed2", AttrValue.newBuilder().setI(42).build()).build();
        ImportResult r = load(graph(x, shuffle));
        Value out = r.graph().outputs().get("sh");
        assertEquals(Op.GATHER, out.producer().op());
        assertArrayEquals(RandomSamplers.shufflePermutation(new Philox4x32(1, 42), 5),
                TensorValues.toLongs(out.producer().input(1).constantValue()));
        assertEquals(1, r.warnings().size());
    }

    @Test
    void shufflePermutationIsAPermutation() {
        long[] p = RandomSamplers.shufflePermutation(new Philox4x32(3, 4), 50);
        long[] sorted = p.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) assertEquals(i, sorted[i]);
    }

    private ImportResult load(GraphDef g) throws Exception {
        Path pb = dir.resolve("g.pb");
        Files.write(pb, g.toByteArray());
        return ModelImporter.load(pb, ImportOptions.defaults());
    }

    private static GraphDef graph(NodeDef... nodes) { return GraphDef.newBuilder().addAllNode(List.of(nodes)).build(); }

    private static NodeDef shapeConst(String name, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * dims.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int d : dims) b.putInt(d);
        TensorProto t = TensorProto.newBuilder().setDtype(DataType.DT_INT32)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(dims.length)))
                .setTensorContent(ByteString.copyFrom(b.array())).build();
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(t).build()).build();
    }

    private static NodeDef random(String name, String op, long seed, long seed2, String shape) {
        return NodeDef.newBuilder().setName(name).setOp(op).addInput(shape)
                .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                .putAttr("seed", AttrValue.newBuilder().setI(seed).build())
                .putAttr("seed2", AttrValue.newBuilder().setI(seed2).build()).build();
    }
}
