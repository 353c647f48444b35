package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/** The k largest values along the last axis (TopKV2) and the n-th order statistic (NthElement). */
final class TopKOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("TopKV2", TopKOps::topK, Op.TOP_K, Op.CAST);
        r.add("NthElement", Translator.single(TopKOps::nthElement), Op.TOP_K, Op.SLICE, Op.SQUEEZE);
    }

    /** Values and indices; TF's indices are int32 unless {@code index_type} says otherwise. */
    private static List<Value> topK(OpContext c) {
        List<Value> out = topK(c, c.input(0), scalarInput(c, 1), true);
        DType idx = c.hasAttr("index_type") ? c.attrType("index_type") : DType.I32;
        Value indices = idx == DType.I64 ? out.get(1) : c.add(Op.CAST, List.of(out.get(1)), Map.of("to", idx));
        return List.of(out.get(0), indices);
    }

    /** The n-th smallest (largest with {@code reverse}) along the last axis: the last of the n+1 first ones. */
    private static Value nthElement(OpContext c) {
        long n = scalarInput(c, 1);
        Value values = topK(c, c.input(0), n + 1, c.attrBool("reverse", false)).get(0);
        Value last = c.add(Op.SLICE, List.of(values), Map.of("starts", new long[] {n}, "ends", new long[] {n + 1},
                "axes", new long[] {-1}, "steps", new long[] {1}));
        return c.add(Op.SQUEEZE, List.of(last), Map.of("axes", new long[] {-1}));
    }

    private static List<Value> topK(OpContext c, Value x, long k, boolean largest) {
        return c.graph().add(Op.TOP_K, List.of(x), Map.of("k", k, "axis", -1L, "largest", largest), c.source(),
                c.name()).outputs();
    }

    private static long scalarInput(OpContext c, int i) {
        long[] v = c.constInts(i);
        if (v.length != 1) throw new TranslationException("input " + i + " must be a single value, got " + v.length);
        return v[0];
    }
}
