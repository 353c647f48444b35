package org.tf2torch.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tf2torch.ir.IrTesting.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.text.IrParser;
import org.tf2torch.ir.text.IrPrinter;

class LinalgShapesTest {
    private final Graph g = new Graph("g");

    /** The result types of one node, joined with ", ". */
    private String types(Op op, Map<String, ?> attrs, String... inputTypes) {
        List<Value> in = new ArrayList<>();
        for (String t : inputTypes) in.add(input(g, "in" + g.inputs().size(), t));
        List<String> out = new ArrayList<>();
        for (Value v : g.add(op, in, attrs, SourceRef.NONE, op.textName()).outputs()) out.add(v.type().toString());
        return String.join(", ", out);
    }

    private String types(Op op, String... inputTypes) { return types(op, Map.of(), inputTypes); }

    @Test
    void determinantsDropTheMatrixAxes() {
        assertEquals("f32[2,3]", types(Op.MATRIX_DETERMINANT, "f32[2,3,4,4]"));
        assertEquals("f64[]", types(Op.MATRIX_DETERMINANT, "f64[5,5]"));
        assertEquals("f32[batch], f32[batch]", types(Op.SLOGDET, "f32[batch,3,3]"));
    }

    @Test
    void squareResultsKeepTheShape() {
        assertEquals("f32[2,3,3]", types(Op.MATRIX_INVERSE, Map.of("adjoint", true), "f32[2,3,3]"));
        assertEquals("f16[n,n]", types(Op.CHOLESKY, "f16[n,n]"));
        assertEquals("f32[2,4,4], i64[2,4]", types(Op.LU, "f32[2,4,4]"));
        assertEquals("f32[1,0,2,2], i64[1,0,2]", types(Op.LU, "f32[1,0,2,2]"));
    }

    @Test
    void nonSquareMatricesFail() {
        for (Op op : List.of(Op.MATRIX_DETERMINANT, Op.SLOGDET, Op.MATRIX_INVERSE, Op.CHOLESKY, Op.LU)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> types(op, "f32[2,3,4]"));
            assertTrue(e.getMessage().contains("square"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> types(Op.MATRIX_DETERMINANT, "f32[4]"));
    }

    @Test
    void solvesBroadcastBatchAxes() {
        assertEquals("f32[2,3,5]", types(Op.MATRIX_SOLVE, "f32[2,3,3]", "f32[2,3,5]"));
        assertEquals("f32[4,2,3,1]", types(Op.TRIANGULAR_SOLVE, "f32[2,3,3]", "f32[4,1,3,1]"));
        assertEquals("f64[3,2]", types(Op.TRIANGULAR_SOLVE, Map.of("lower", false, "adjoint", true), "f64[3,3]", "f64[3,2]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> types(Op.MATRIX_SOLVE, "f32[3,3]", "f32[4,2]"));
        assertTrue(e.getMessage().contains("rows"), e.getMessage());
    }

    @Test
    void svdShapesFollowFullMatrices() {
        assertEquals("f32[2,3], f32[2,4,3], f32[2,3,3]", types(Op.SVD, "f32[2,4,3]"));
        assertEquals("f32[2,3], f32[2,4,4], f32[2,3,3]", types(Op.SVD, Map.of("full_matrices", true), "f32[2,4,3]"));
        assertEquals("f32[2], f32[2,2], f32[5,2]", types(Op.SVD, "f32[2,5]"));
        assertEquals("f32[2], f32[2,2], f32[5,5]", types(Op.SVD, Map.of("full_matrices", true), "f32[2,5]"));
        assertEquals("f64[7,3]", types(Op.SINGULAR_VALUES, "f64[7,3,9]"));
        assertEquals("f32[?]", types(Op.SINGULAR_VALUES, "f32[m,n]"));
    }

    @Test
    void specialFunctionsBroadcast() {
        assertEquals("f32[3,4]", types(Op.IGAMMA, "f32[3,1]", "f32[4]"));
        assertEquals("f64[2]", types(Op.IGAMMAC, "f64[]", "f64[2]"));
        assertEquals("f32[2,3,2]", types(Op.ZETA, "f32[2,3,2]", "f32[2,3,2]"));
        assertEquals("f32[5]", types(Op.POLYGAMMA, "f32[]", "f32[5]"));
        assertEquals("f64[2,3]", types(Op.BETAINC, "f64[]", "f64[2,1]", "f64[3]"));
    }

    @Test
    void multiResultOpsRoundTripThroughText() {
        String text = """
                graph @g {
                  input %x : f32[2,3,3] = "x"
                  %s, %l = slogdet(%x) : f32[2], f32[2]
                  %lu, %p = lu(%x) : f32[2,3,3], i64[2,3]
                  %sv, %u, %v = svd(%x) {full_matrices=true} : f32[2,3], f32[2,3,3], f32[2,3,3]
                  %t = triangular_solve(%x, %u) {lower=false, adjoint=true} : f32[2,3,3]
                  return "s" = %s, "p" = %p, "v" = %v, "t" = %t
                }
                """;
        Graph parsed = IrTesting.parse(text);
        assertEquals(IrPrinter.print(parsed), IrPrinter.print(IrParser.parse(IrPrinter.print(parsed))));
        assertTrue(IrPrinter.print(parsed).contains("svd(%x) {full_matrices=true}"), IrPrinter.print(parsed));
    }
}
