package org.tf2torch.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.IrTesting;
import org.tf2torch.ir.Loops;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Verifier;
import org.tf2torch.ir.passes.DeadCodeElimination;
import org.tf2torch.ir.passes.PassPipeline;

class LoopTextTest {
    /** x counts up to the captured limit; y is carried unchanged. */
    static final String COUNTER = """
            graph @count {
              input %x0 : f32[] = "x"
              input %limit : f32[] = "limit"
              %y0 = const() {value=dense<f32[2]>[1.0,2.0]} : f32[2]
              %x, %y = loop(%x0, %y0, %limit) {carried=2, cond=@cond, body=@body} : f32[], f32[2]  # tf "while/Exit" "Exit"
                graph @cond {
                  input %cx : f32[] = "x"
                  input %cy : f32[2] = "y"
                  input %cl : f32[] = "limit"
                  %lt = less(%cx, %cl) : bool[]
                  return "cond" = %lt
                }
                graph @body {
                  input %bx : f32[] = "x"
                  input %by : f32[2] = "y"
                  input %bl : f32[] = "limit"
                  %one = const() {value=dense<f32[]>[1.0]} : f32[]
                  %nx = add(%bx, %one) : f32[]
                  return "x" = %nx, "y" = %by
                }
              return "x" = %x, "y" = %y
            }
            """;

    @Test
    void loopRoundTrips() {
        Graph g = IrTesting.parse(COUNTER);
        assertEquals(COUNTER, IrPrinter.print(g));
        assertTrue(IrPrinter.roundTrips(g));
        var loop = g.nodes().get(1);
        assertEquals(Op.LOOP, loop.op());
        assertEquals(2, loop.outputs().size());
        assertEquals("body", Loops.body(loop).name());
    }

    @Test
    void nestedLoopsRoundTrip() {
        String text = """
                graph @outer {
                  input %a : i32[] = "a"
                  %r = loop(%a) {carried=1, cond=@c1, body=@b1} : i32[]
                    graph @c1 {
                      input %x : i32[] = "x"
                      %z = const() {value=dense<i32[]>[10]} : i32[]
                      %lt = less(%x, %z) : bool[]
                      return "c" = %lt
                    }
                    graph @b1 {
                      input %x : i32[] = "x"
                      %s = loop(%x) {carried=1, cond=@c2, body=@b2} : i32[]
                        graph @c2 {
                          input %y : i32[] = "y"
                          %f = const() {value=dense<bool[]>[0]} : bool[]
                          return "c" = %f
                        }
                        graph @b2 {
                          input %y : i32[] = "y"
                          return "y" = %y
                        }
                      %one = const() {value=dense<i32[]>[1]} : i32[]
                      %n = add(%s, %one) : i32[]
                      return "x" = %n
                    }
                  return "r" = %r
                }
                """;
        assertEquals(text, IrPrinter.print(IrTesting.parse(text)));
    }

    @Test
    void verifierChecksTheContract() {
        String badCond = COUNTER.replace("return \"cond\" = %lt", "return \"cond\" = %cx");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Verifier.verify(IrParser.parse(badCond)));
        assertTrue(e.getMessage().contains("cond must return one bool scalar"), e.getMessage());

        String badBody = COUNTER.replace("return \"x\" = %nx, \"y\" = %by", "return \"x\" = %nx");
        e = assertThrows(IllegalStateException.class, () -> Verifier.verify(IrParser.parse(badBody)));
        assertTrue(e.getMessage().contains("body returns 1 values for 2 carried ones"), e.getMessage());

        String badInput = COUNTER.replace("input %cl : f32[] = \"limit\"", "input %cl : i32[] = \"limit\"")
                .replace("%lt = less(%cx, %cl)", "%lt = less(%cl, %cl)");
        e = assertThrows(IllegalStateException.class, () -> Verifier.verify(IrParser.parse(badInput)));
        assertTrue(e.getMessage().contains("cond input 2 is i32[] but the loop passes f32[]"), e.getMessage());

        String inner = COUNTER.replace("%nx = add(%bx, %one) : f32[]", "%nx = add(%bx, %one) : f32[3]");
        e = assertThrows(IllegalStateException.class, () -> Verifier.verify(IrParser.parse(inner)));
        assertTrue(e.getMessage().contains("in @body"), e.getMessage());
    }

    @Test
    void parserRejectsMissingOrMisnamedBlocks() {
        String unclosed = COUNTER.substring(0, COUNTER.indexOf("graph @body"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IrParser.parse(unclosed));
        assertTrue(e.getMessage().contains("not closed") || e.getMessage().contains("expected"), e.getMessage());
        String misnamed = COUNTER.replace("graph @body {", "graph @other {");
        e = assertThrows(IllegalArgumentException.class, () -> IrParser.parse(misnamed));
        assertTrue(e.getMessage().contains("body=@body but the next block is @other"), e.getMessage());
    }

    @Test
    void deadCodeInsideTheBodyIsRemoved() {
        String withDead = COUNTER.replace("      %nx = add(%bx, %one) : f32[]\n",
                "      %nx = add(%bx, %one) : f32[]\n      %unused = mul(%bx, %bl) : f32[]\n");
        IrTesting.assertPass(new DeadCodeElimination(), withDead, COUNTER);
    }

    @Test
    void standardPipelineKeepsTheLoop() {
        Graph g = IrTesting.parse(COUNTER);
        PassPipeline.standard(true).run(g);
        Verifier.verify(g);
        assertEquals(COUNTER, IrPrinter.print(g));
    }
}
