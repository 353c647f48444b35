package org.tf2torch.exporters.pytorch.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;

/**
 * ONNX Slice and Pad. torch slicing has no negative step, so a negative-step axis is flipped and sliced
 * forward: on the flipped axis, ONNX's clamped {@code start, end, step} become {@code -1-start, -1-end,
 * -step}, and Python's own clamping of those bounds then matches ONNX's for every dim size, known or not.
 */
final class SliceEmitters {
    /** Bounds beyond this are "past either end"; torch reads ints below -2^62 as symbolic sizes and fails. */
    static final long HUGE = 1L << 62;
    private static final long INT64_MAX = Long.MAX_VALUE;

    private SliceEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.SLICE, SliceEmitters::slice);
        r.add(Op.PAD, PadEmitter::pad);
    }

    /** A forward slice of one axis; {@code end == INT64_MAX} runs to the end. */
    private record Range(long start, long end, long step) {
        String subscript() {
            String s = (start == 0 ? "" : PyLiterals.integer(start)) + ":"
                    + (end == INT64_MAX ? "" : PyLiterals.integer(end));
            return step == 1 ? s : s + ":" + step;
        }
    }

    private static void slice(EmitContext ctx) {
        Attrs a = ctx.node().attrs();
        long[] starts = a.ints("starts");
        long[] ends = a.ints("ends");
        long[] axes = a.ints("axes");
        long[] steps = a.ints("steps");
        Shape shape = ctx.operandType(0).shape();
        TreeMap<Long, Range> ranges = new TreeMap<>();
        List<String> flips = new ArrayList<>();
        for (int i = 0; i < axes.length; i++) {
            long axis = shape.hasRank() && axes[i] < 0 ? axes[i] + shape.rank() : axes[i];
            long step = steps[i];
            if (step == 0) throw new IllegalArgumentException("slice step 0");
            Range r;
            if (step > 0) {
                r = new Range(clampStart(starts[i]), clampEnd(ends[i]), step);
            } else {
                flips.add(PyLiterals.integer(axis));
                r = new Range(clampStart(-1 - starts[i]), clampEnd(-1 - ends[i]), -step);
            }
            if (ranges.put(axis, r) != null) throw new IllegalArgumentException("slice names axis " + axis + " twice");
        }
        String x = ctx.operand(0);
        Dialect d = ctx.dialect();
        if (!flips.isEmpty()) x = "torch.flip(" + x + ", [" + String.join(", ", flips) + "])";
        ranges.values().removeIf(r -> r.start == 0 && r.end == INT64_MAX && r.step == 1);
        if (ranges.isEmpty()) {
            ctx.result(x);
        } else if (d == Dialect.EAGER) {
            ctx.result(x + "[" + subscript(ranges) + "]");
        } else {
            for (var e : ranges.entrySet()) {
                Range r = e.getValue();
                x = "torch.slice(" + x + ", " + e.getKey() + ", " + PyLiterals.integer(r.start) + ", "
                        + PyLiterals.integer(r.end) + ", " + r.step + ")";
            }
            ctx.result(x);
        }
    }

    /**
     * {@code x[:, 1:3]}: non-negative axes by position from the front, negative ones after an ellipsis by
     * position from the back, so the subscript is right without knowing the rank.
     */
    private static String subscript(TreeMap<Long, Range> ranges) {
        List<String> front = new ArrayList<>();
        List<String> back = new ArrayList<>();
        for (var e : ranges.entrySet()) {
            long axis = e.getKey();
            if (axis >= 0) {
                while (front.size() < axis) front.add(":");
                front.add(e.getValue().subscript());
            }
        }
        for (var e : ranges.descendingMap().entrySet()) {
            long axis = e.getKey();
            if (axis < 0) {
                while (back.size() < -axis - 1) back.add(0, ":");
                back.add(0, e.getValue().subscript());
            }
        }
        List<String> all = new ArrayList<>(front);
        if (!back.isEmpty()) {
            all.add("...");
            all.addAll(back);
        }
        return String.join(", ", all);
    }

    /** Python clamps bounds itself; only keep them inside what torch accepts as a plain int. */
    private static long clampStart(long v) { return v <= -HUGE ? 0 : v; }

    private static long clampEnd(long v) {
        if (v >= HUGE) return INT64_MAX;
        return v <= -HUGE ? 0 : v;
    }
}
