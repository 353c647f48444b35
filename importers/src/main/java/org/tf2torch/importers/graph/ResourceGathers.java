package org.tf2torch.importers.graph;

import java.util.List;
import java.util.Map;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.importers.ops.TranslationException;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.Value;

/**
 * ResourceGather (Keras Embedding's lookup): rows of a variable read through its handle, i.e. a gather along
 * axis 0 of the variable's value. TF fails on an id out of range on the CPU, as the IR gather does.
 */
final class ResourceGathers {
    private ResourceGathers() {}

    static Value translate(NodeDef n, Value table, Value ids, Graph g, String function) {
        if (n.getAttrMap().containsKey("batch_dims") && n.getAttrMap().get("batch_dims").getI() != 0) {
            throw new TranslationException("ResourceGather with batch_dims is not supported");
        }
        if (!ids.dtype().isInteger()) throw new TranslationException("ResourceGather needs integer ids, got " + ids.dtype());
        return g.add(Op.GATHER, List.of(table, ids), Map.of("axis", 0L), new SourceRef(n.getName(), n.getOp(), function),
                n.getName()).output();
    }
}
