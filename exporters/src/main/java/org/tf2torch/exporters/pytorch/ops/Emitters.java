package org.tf2torch.exporters.pytorch.ops;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.tf2torch.ir.Op;

/**
 * The one list of emitter families. Each family registers the ops it writes; an op registered twice fails
 * here at class load. CONSTANT, PARAM and IDENTITY are not emitters: they define no statement of their own
 * (they name a module attribute, a constant or another value), which the forward writer handles; so is LOOP,
 * a statement holding the statements of its subgraphs, which the forward writer writes with its LoopWriter.
 */
public final class Emitters {
    /** Ops the forward writer resolves itself. */
    public static final Set<Op> SOURCES = Collections.unmodifiableSet(EnumSet.of(Op.CONSTANT, Op.PARAM, Op.IDENTITY,
            Op.LOOP));

    private static final Map<Op, OpEmitter> REGISTRY = build();

    private Emitters() {}

    /** Collects one family's emitters, refusing duplicates. */
    public static final class Registry {
        private final Map<Op, OpEmitter> map = new EnumMap<>(Op.class);

        void add(Op op, OpEmitter e) {
            if (SOURCES.contains(op)) throw new IllegalStateException(op + " is resolved by the forward writer");
            if (map.putIfAbsent(op, e) != null) throw new IllegalStateException("two emitters for " + op);
        }
    }

    private static Map<Op, OpEmitter> build() {
        Registry r = new Registry();
        ElementwiseEmitters.register(r);
        NnEmitters.register(r);
        PoolEmitters.register(r);
        ShapeEmitters.register(r);
        SliceEmitters.register(r);
        ReduceEmitters.register(r);
        LogicEmitters.register(r);
        FunctionEmitters.register(r);
        IndexEmitters.register(r);
        ScanEmitters.register(r);
        ImageEmitters.register(r);
        LinalgEmitters.register(r);
        SpecialEmitters.register(r);
        DetectionEmitters.register(r);
        CropEmitters.register(r);
        DrawEmitters.register(r);
        DynamicEmitters.register(r);
        CheckEmitters.register(r);
        TransformerEmitters.register(r);
        RnnEmitters.register(r);
        return Collections.unmodifiableMap(r.map);
    }

    /** The emitter for {@code op}; throws for a source op or one no family handles. */
    public static OpEmitter get(Op op) {
        OpEmitter e = REGISTRY.get(op);
        if (e == null) throw new UnsupportedOperationException("no PyTorch emitter for IR op " + op.textName());
        return e;
    }

    public static Set<Op> registered() { return Collections.unmodifiableSet(REGISTRY.keySet()); }
}
