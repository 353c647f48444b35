package org.tf2torch.ir.text;

import static org.tf2torch.ir.IrTesting.parseError;

import org.junit.jupiter.api.Test;

/** Every parse error names the line and column and says what is wrong, in terms of the text. */
class IrParserErrorTest {
    private static final String HEAD = "graph @g {\n  input %x : f32[2,3] = \"x\"\n";

    @Test
    void undefinedValue() {
        parseError(HEAD + "  %y = add(%x, %nope) : f32[2,3]\n  return \"y\" = %y\n}\n",
                "line 3, column 16", "%nope is not defined above", "%y = add(%x, %nope)");
    }

    @Test
    void useBeforeDefinitionIsAnUndefinedValue() {
        parseError(HEAD + "  %a = relu(%b) : f32[2,3]\n  %b = relu(%x) : f32[2,3]\n  return \"a\" = %a\n}\n",
                "line 3", "%b is not defined above");
    }

    @Test
    void undefinedReturnValue() {
        parseError(HEAD + "  return \"y\" = %y\n}\n", "line 3", "%y is not defined above");
    }

    @Test
    void unknownOp() {
        parseError(HEAD + "  %y = frobnicate(%x) : f32[2,3]\n  return\n}\n", "line 3, column 8", "unknown op 'frobnicate'");
    }

    @Test
    void unknownAttribute() {
        parseError(HEAD + "  %y = relu(%x) {alpha=0.1} : f32[2,3]\n  return\n}\n",
                "line 3, column 18", "relu has no attribute 'alpha'");
    }

    @Test
    void missingRequiredAttribute() {
        parseError(HEAD + "  %y = transpose(%x) : f32[3,2]\n  return\n}\n",
                "line 3", "transpose needs attribute 'perm'");
    }

    @Test
    void attributeGivenTwice() {
        parseError(HEAD + "  %y = transpose(%x) {perm=[1,0], perm=[0,1]} : f32[3,2]\n  return\n}\n",
                "line 3", "attribute 'perm' is given twice");
    }

    @Test
    void wrongResultCount() {
        parseError(HEAD + "  %y, %z = relu(%x) : f32[2,3], f32[2,3]\n  return\n}\n",
                "line 3", "relu has 1 result(s), the line names 2");
        parseError(HEAD + "  %y, %z = relu(%x) : f32[2,3]\n  return\n}\n", "line 3", "2 results but 1 types");
    }

    @Test
    void wrongInputCount() {
        parseError(HEAD + "  %y = add(%x) : f32[2,3]\n  return\n}\n", "line 3", "add takes 2 inputs, got 1");
        parseError(HEAD + "  %y = conv(%x, %x, %x, %x) {strides=[1], pads=[0,0], dilations=[1]} : f32[2,3]\n}\n",
                "line 3", "conv takes 2..3 inputs, got 4");
    }

    @Test
    void badAttributeValues() {
        parseError(HEAD + "  %y = softmax(%x) {axis=1.5} : f32[2,3]\n  return\n}\n", "line 3", "expected an integer, got '1.5'");
        parseError(HEAD + "  %y = reduce_sum(%x) {axes=[0], keepdims=yes} : f32[3]\n}\n", "line 3", "expected true or false");
        parseError(HEAD + "  %y = cast(%x) {to=f128} : f32[2,3]\n}\n", "line 3", "unknown dtype 'f128'");
        parseError(HEAD + "  %y = elu(%x) {alpha=1e} : f32[2,3]\n}\n", "line 3", "expected a number, got '1e'");
        parseError(HEAD + "  %y = pad(%x) {pads=[0,0,0,0], mode=constant} : f32[2,3]\n}\n", "line 3", "expected '\"'");
    }

    @Test
    void badConstants() {
        parseError("graph @g {\n  %c = const() {value=dense<f32[3]>[1.0,2.0]} : f32[3]\n}\n",
                "line 2", "constant of f32[3] lists 2 values");
        parseError("graph @g {\n  %c = const() {value=dense<f32[n]>[1.0]} : f32[n]\n}\n",
                "line 2", "static shape");
        parseError("graph @g {\n  %c = const() {value=dense<i32[1]>[x]} : i32[1]\n}\n", "line 2", "expected a number");
    }

    @Test
    void badTypes() {
        parseError(HEAD + "  %y = relu(%x) : f33[2,3]\n}\n", "line 3", "unknown dtype 'f33'");
        parseError(HEAD + "  %y = relu(%x) : f32[2,-3]\n}\n", "line 3", "bad dimension symbol '-3'");
        parseError(HEAD + "  %y = relu(%x) : f32[2,3\n}\n", "line 3", "unclosed '['");
        parseError("graph @g {\n  weight \"w\" : f32[batch,3]\n}\n", "line 2", "parameter type f32[batch,3] must be static");
    }

    @Test
    void duplicates() {
        parseError(HEAD + "  %x = relu(%x) : f32[2,3]\n}\n", "line 3", "duplicate value %x");
        parseError(HEAD + "  input %x2 : f32[2] = \"x\"\n}\n", "line 3", "duplicate input 'x'");
        parseError("graph @g {\n  weight \"w\" : f32[2]\n  buffer \"w\" : f32[2]\n}\n", "line 3", "duplicate parameter 'w'");
        parseError(HEAD + "  return \"y\" = %x, \"y\" = %x\n}\n", "line 3", "output \"y\" is returned twice");
    }

    @Test
    void strayTextAndBrokenStrings() {
        parseError(HEAD + "  %y = relu(%x) : f32[2,3] junk\n}\n", "line 3", "unexpected text 'junk'");
        parseError(HEAD + "  %y = relu(%x) : f32[2,3]  # tf \"a\" \"Relu\" \"f\" \"extra\"\n}\n", "line 3", "unexpected text");
        parseError(HEAD + "  %y = relu(%x) : f32[2,3]  # tf \"a\n}\n", "line 3", "unterminated string");
        parseError(HEAD + "  return \"a\\u00\" = %x\n}\n", "line 3", "four hex digits");
        parseError(HEAD + "  return \"a\\", "line 3", "unterminated string");
    }

    @Test
    void graphFraming() {
        parseError("", "no complete 'graph @name { ... }'");
        parseError("graph @g {\n  return\n", "no complete");
        parseError("graf @g {\n}\n", "line 1, column 1", "expected 'graph'");
        parseError("graph @g {\n}\n  %y = relu(%x) : f32[2]\n", "line 3", "text after the closing '}'");
    }
}
