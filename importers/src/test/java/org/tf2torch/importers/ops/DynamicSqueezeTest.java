package org.tf2torch.importers.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tf2torch.importers.ImportResult;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;

/** TF Squeeze without axes on inputs with dynamic dims: static 1s go, dynamic dims stay behind a check. */
class DynamicSqueezeTest {
    private static ImportResult squeeze(Path tmp, long... shape) throws Exception {
        return new TfGraph().placeholder("x", DataType.DT_FLOAT, shape)
                .node("sq", "Squeeze", List.of("x"), "T", TfGraph.type(DataType.DT_FLOAT))
                .load(tmp, "sq");
    }

    @Test
    void dynamicDimsAreGuardedAndStaticOnesRemoved(@TempDir Path tmp) throws Exception {
        ImportResult r = squeeze(tmp, -1, 1, -1, 96);
        String ir = TfGraph.ir(r);
        Node check = r.graph().nodes().stream().filter(n -> n.op() == Op.CHECK_DIMS_NOT_ONE).findFirst().orElseThrow();
        assertArrayEquals(new long[] {0, 2}, check.attrs().ints("axes"), ir);
        assertTrue(check.attrs().s("message").contains("'sq'"), check.attrs().s("message"));
        Node sq = r.graph().nodes().stream().filter(n -> n.op() == Op.SQUEEZE).findFirst().orElseThrow();
        assertArrayEquals(new long[] {1}, sq.attrs().ints("axes"), ir);
        assertEquals(3, sq.outputs().get(0).shape().rank(), ir);
    }

    @Test
    void staticShapesNeedNoCheck(@TempDir Path tmp) throws Exception {
        ImportResult r = squeeze(tmp, 2, 1, 3, 1);
        assertFalse(r.graph().nodes().stream().anyMatch(n -> n.op() == Op.CHECK_DIMS_NOT_ONE), TfGraph.ir(r));
        assertTrue(TfGraph.ir(r).contains(": f32[2,3]"), TfGraph.ir(r));
    }
}
