package org.tf2torch.importers.ops;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tf2torch.ir.Op;

/** TF op name → translator, filled by an explicit list of families. A name registered twice fails at startup. */
public final class OpRegistry {
    /** A registered translator with the IR ops it lowers to (for {@code tf2torch ops} and docs/ops.md). */
    public record Entry(String tfOp, Translator translator, List<Op> lowering, String family) {}

    private final Map<String, Entry> entries = new TreeMap<>();
    private String family = "";

    private static final OpRegistry STANDARD = build(List.of(
            new ArrayOps(), new MathOps(), new LogicOps(), new MathFunctionOps(), new IndexOps(),
            new ScanOps(), new ImageOps(), new NnOps(), new ReduceOps(), new RandomOps(), new LinalgOps(),
            new UniqueOps(), new PartitionOps(), new RaggedOps(), new CountingOps(), new DebugOps(),
            new FakeQuantOps(), new BitpackOps(), new RnnCellOps(),
            new EinsumOps()));

    public static OpRegistry standard() { return STANDARD; }

    static OpRegistry build(List<OpFamily> families) {
        OpRegistry r = new OpRegistry();
        for (OpFamily f : families) {
            r.family = f.getClass().getSimpleName();
            f.register(r);
        }
        return r;
    }

    public void add(String tfOp, Translator t, Op... lowering) {
        if (entries.containsKey(tfOp)) {
            throw new IllegalStateException("TF op " + tfOp + " is registered twice (" + entries.get(tfOp).family()
                    + " and " + family + ")");
        }
        entries.put(tfOp, new Entry(tfOp, t, List.of(lowering), family));
    }

    public Entry get(String tfOp) { return entries.get(tfOp); }

    public Map<String, Entry> entries() { return Collections.unmodifiableMap(entries); }
}
