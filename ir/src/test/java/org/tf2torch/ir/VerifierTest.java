package org.tf2torch.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tf2torch.ir.IrTesting.input;
import static org.tf2torch.ir.IrTesting.node;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.text.IrParser;

class VerifierTest {
    private static void assertProblem(Graph g, String fragment) {
        List<String> problems = Verifier.check(g);
        assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), () -> "no '" + fragment + "' in " + problems);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Verifier.verify(g));
        assertTrue(e.getMessage().startsWith("IR graph @" + g.name() + " is invalid:"), e.getMessage());
    }

    @Test
    void validGraphHasNoProblems() {
        Graph g = IrParser.parse("""
                graph @ok {
                  input %x : f32[batch,4] = "x"
                  weight "w" : f32[4,2]
                  %w = param() {name="w"} : f32[4,2]
                  %y = matmul(%x, %w) : f32[batch,2]
                  return "y" = %y
                }
                """);
        assertEquals(List.of(), Verifier.check(g));
    }

    @Test
    void useBeforeDefinition() {
        Graph g = new Graph("g");
        Value x = input(g, "x", "f32[3]");
        Value a = node(g, Op.RELU, x);
        Value b = node(g, Op.NEG, a);
        g.setOutput("b", b);
        a.producer().setInput(0, b);
        assertProblem(g, "relu [%relu] (no TF source): operand 0 %neg is used before it is defined");
    }

    @Test
    void useListMissingAnOperand() {
        Graph g = new Graph("g");
        Value x = input(g, "x", "f32[3]");
        Value a = node(g, Op.RELU, x);
        g.setOutput("a", a);
        x.uses.clear();
        assertProblem(g, "operand 0 %x does not list this use");
    }

    @Test
    void staleUseListEntry() {
        Graph g = new Graph("g");
        Value x = input(g, "x", "f32[3]");
        Value a = node(g, Op.RELU, x);
        Value b = node(g, Op.NEG, a);
        g.setOutput("b", b);
        // b's node reads a in slot 0; a second entry claiming slot 0 reads x is stale
        x.uses.add(new Use(b.producer(), 0));
        assertProblem(g, "stale use");
    }

    @Test
    void useByARemovedNode() {
        Graph g = new Graph("g");
        Value x = input(g, "x", "f32[3]");
        Value a = node(g, Op.RELU, x);
        Value dead = node(g, Op.NEG, a);
        g.setOutput("a", a);
        Node n = dead.producer();
        g.remove(n);
        a.uses.add(new Use(n, 0));
        assertProblem(g, "lists a use by a removed node");
    }

    @Test
    void wrongParameterType() {
        Graph g = IrParser.parse("""
                graph @g {
                  weight "w" : f32[3]
                  %w = param() {name="w"} : f32[4]
                  return "w" = %w
                }
                """);
        assertProblem(g, "parameter is f32[3] but the value says f32[4]");
    }

    @Test
    void missingParameter() {
        Graph g = IrParser.parse("""
                graph @g {
                  %w = param() {name="nope"} : f32[4]
                  return "w" = %w
                }
                """);
        assertProblem(g, "no parameter named 'nope'");
    }

    @Test
    void typeDisagreeingWithInference() {
        Graph g = IrParser.parse("""
                graph @g {
                  input %x : f32[2,4] = "x"
                  %y = relu(%x) : f32[2,3]
                  %z = cast(%x) {to=i32} : f32[2,4]
                  %u = transpose(%x) {perm=[1,0]} : f32[4,2,1]
                  return "y" = %y, "z" = %z, "u" = %u
                }
                """);
        List<String> problems = Verifier.check(g);
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("result shape f32[2,3] but inference says f32[2,4]"), problems::toString);
        assertTrue(problems.get(1).contains("result dtype f32[2,4] but inference says i32[2,4]"), problems::toString);
        assertTrue(problems.get(2).contains("result shape f32[4,2,1] but inference says f32[4,2]"), problems::toString);
    }

    @Test
    void morePreciseRecordedTypesAreFine() {
        Graph g = IrParser.parse("""
                graph @g {
                  input %x : f32[batch,4] = "x"
                  input %s : i64[2] = "s"
                  %y = reshape(%x, %s) : f32[batch,4]
                  return "y" = %y
                }
                """);
        assertEquals(List.of(), Verifier.check(g));
    }

    @Test
    void inferenceFailureIsReported() {
        Graph g = IrParser.parse("""
                graph @g {
                  input %x : f32[2,4] = "x"
                  input %y : f32[3] = "y"
                  %z = add(%x, %y) : f32[2,4]
                  return "z" = %z
                }
                """);
        assertProblem(g, "shape inference fails: shapes [2,4] and [3] do not broadcast");
    }

    @Test
    void mixedOperandDTypes() {
        Graph g = IrParser.parse("""
                graph @g {
                  input %x : f32[2] = "x"
                  input %i : i64[2] = "i"
                  %z = add(%x, %i) : f32[2]
                  %p = pow(%x, %i) : f32[2]
                  return "z" = %z, "p" = %p
                }
                """);
        List<String> problems = Verifier.check(g);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("operands differ in dtype: f32[2] and i64[2]"), problems::toString);
    }

    @Test
    void undefinedGraphOutput() {
        Graph g = new Graph("g");
        Value x = input(g, "x", "f32[3]");
        Value a = node(g, Op.RELU, x);
        Value b = node(g, Op.NEG, a);
        g.setOutput("a", a);
        g.remove(b.producer());
        g.setOutput("b", b);
        assertProblem(g, "graph output %neg is not defined");
    }
}
