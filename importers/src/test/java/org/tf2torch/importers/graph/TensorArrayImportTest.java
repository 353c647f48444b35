package org.tf2torch.importers.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tf2torch.importers.ImportOptions;
import org.tf2torch.importers.ModelImporter;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.Verifier;

class TensorArrayImportTest {
    @TempDir Path dir;

    private Graph load(GraphDefBuilder b, String... outputs) throws Exception {
        Graph g = ModelImporter.load(b.write(dir), ImportOptions.defaults().withOutputs(List.of(outputs))).graph();
        Verifier.verify(g);
        return g;
    }

    private static GraphDefBuilder array(boolean dynamic, int size) {
        GraphDefBuilder b = new GraphDefBuilder();
        b.intsConst("size", new int[] {}, new int[] {size});
        b.node("ta", "TensorArrayV3", "size").putAttr("dtype", GraphDefBuilder.type(DataType.DT_FLOAT))
                .putAttr("element_shape", GraphDefBuilder.unknownShape())
                .putAttr("dynamic_size", AttrValue.newBuilder().setB(dynamic).build());
        return b;
    }

    private static void write(GraphDefBuilder b, String name, int index, String value, String flow) {
        b.intsConst(name + "/index", new int[] {}, new int[] {index});
        b.node(name, "TensorArrayWriteV3", "ta", name + "/index", value, flow);
    }

    @Test
    void dynamicArrayGrowsWithConstantIndicesAndReadsBack() throws Exception {
        GraphDefBuilder b = array(true, 1);
        b.placeholder("a", DataType.DT_FLOAT, 2).placeholder("c", DataType.DT_FLOAT, 2);
        write(b, "w0", 0, "a", "ta:1");
        write(b, "w2", 2, "c", "w0");
        b.node("size_out", "TensorArraySizeV3", "ta", "w2");
        b.intsConst("r/index", new int[] {}, new int[] {2});
        b.node("read", "TensorArrayReadV3", "ta", "r/index", "w2").putAttr("dtype", GraphDefBuilder.type(DataType.DT_FLOAT));
        Graph g = load(b, "size_out", "read");
        Value size = g.outputs().get("size_out");
        assertTrue(size.isConstant(), "the size is known at import time");
        assertEquals(3L, TensorValues.toLongs(size.constantValue())[0]);
        assertEquals("f32[2]", g.outputs().get("read").type().toString());
    }

    @Test
    void fixedArrayWrittenPastItsEndIsRefused() {
        GraphDefBuilder b = array(false, 1);
        b.placeholder("a", DataType.DT_FLOAT, 2);
        write(b, "w1", 1, "a", "ta:1");
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> load(b, "w1"));
        assertTrue(e.getMessage().contains("writes index 1 of a TensorArray of size 1"), e.getMessage());
    }

    @Test
    void elementsOfDifferentShapesAreRefused() {
        GraphDefBuilder b = array(true, 2);
        b.placeholder("a", DataType.DT_FLOAT, 2).placeholder("c", DataType.DT_FLOAT, 3);
        write(b, "w0", 0, "a", "ta:1");
        write(b, "w1", 1, "c", "w0");
        b.node("cat", "TensorArrayConcatV3", "ta", "w1").putAttr("dtype", GraphDefBuilder.type(DataType.DT_FLOAT));
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> load(b, "cat"));
        assertTrue(e.getMessage().contains("elements of different shapes are not supported"), e.getMessage());
    }

    @Test
    void equalSplitIsAReshapeAndUnequalIsRefused() throws Exception {
        GraphDefBuilder b = array(true, 1);
        b.placeholder("v", DataType.DT_FLOAT, 6, 2);
        b.intsConst("lengths", new int[] {3}, new int[] {2, 2, 2});
        b.node("split", "TensorArraySplitV3", "ta", "v", "lengths", "ta:1");
        b.intsConst("i", new int[] {}, new int[] {1});
        b.node("read", "TensorArrayReadV3", "ta", "i", "split").putAttr("dtype", GraphDefBuilder.type(DataType.DT_FLOAT));
        assertEquals("f32[2,2]", load(b, "read").outputs().get("read").type().toString());

        GraphDefBuilder u = array(true, 1);
        u.placeholder("v", DataType.DT_FLOAT, 6, 2);
        u.intsConst("lengths", new int[] {2}, new int[] {2, 4});
        u.node("split", "TensorArraySplitV3", "ta", "v", "lengths", "ta:1");
        u.node("size_out", "TensorArraySizeV3", "ta", "split");
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> load(u, "size_out"));
        assertTrue(e.getMessage().contains("unequal lengths [2, 4]"), e.getMessage());
    }
}
