package org.tf2torch.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tf2torch.ir.IrTesting.input;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Result types of non_max_suppression, crop_and_resize and draw_bounding_boxes. */
class ImageShapesTest {
    private final Graph g = new Graph("g");

    private List<Value> nms(String boxes, Value max, boolean pad) {
        int k = g.inputs().size();
        Value b = input(g, "b" + k, boxes);
        Value s = input(g, "s" + k, "f16[?]");
        Value t = input(g, "t" + k, "f32[]");
        return g.add(Op.NON_MAX_SUPPRESSION, List.of(b, s, max, t, t, t), Map.of("pad_to_max_output_size", pad),
                SourceRef.NONE, "nms").outputs();
    }

    @Test
    void nmsHasThreeResultsOfDataDependentLength() {
        List<Value> out = nms("f32[?,4]", input(g, "m", "i32[]"), true);
        assertEquals(3, out.size());
        assertEquals("i64[?]", out.get(0).type().toString());
        assertEquals("f16[?]", out.get(1).type().toString());
        assertEquals("i64[]", out.get(2).type().toString());
    }

    @Test
    void paddedNmsWithConstantMaximumHasThatLength() {
        Value max = g.constant(TensorValues.scalar(DType.I32, 7));
        assertEquals("i64[7]", nms("f32[10,4]", max, true).get(0).type().toString());
        assertEquals("i64[?]", nms("f32[10,4]", max, false).get(0).type().toString());
    }

    @Test
    void nmsRejectsBoxesThatAreNotCorners() {
        assertThrows(IllegalArgumentException.class, () -> nms("f32[10,5]", input(g, "m", "i32[]"), false));
    }

    @Test
    void cropAndResizeIsFloatBoxesByChannelsByCrop() {
        Value x = input(g, "x", "i32[2,3,8,9]");
        Value boxes = input(g, "b", "f32[k,4]");
        Value idx = input(g, "i", "i32[k]");
        Value y = g.add(Op.CROP_AND_RESIZE, List.of(x, boxes, idx), Map.of("sizes", new long[] {4, 5}, "mode",
                "bilinear"), SourceRef.NONE, "crop").output();
        assertEquals("f32[k,3,4,5]", y.type().toString());
    }

    @Test
    void drawBoundingBoxesKeepsTheImageType() {
        Value x = input(g, "x", "f16[2,3,8,9]");
        Value y = g.add(Op.DRAW_BOUNDING_BOXES, List.of(x, input(g, "b", "f32[2,5,4]"), input(g, "c", "f32[3,4]")),
                Map.of(), SourceRef.NONE, "draw").output();
        assertEquals("f16[2,3,8,9]", y.type().toString());
    }
}
