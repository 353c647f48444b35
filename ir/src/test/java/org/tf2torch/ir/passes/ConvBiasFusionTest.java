package org.tf2torch.ir.passes;

import static org.tf2torch.ir.IrTesting.assertPass;
import static org.tf2torch.ir.IrTesting.assertUnchanged;

import org.junit.jupiter.api.Test;

class ConvBiasFusionTest {
    private static final String HEAD = """
            graph @g {
              input %x : f32[1,2,5,5] = "x"
              weight "w" : f32[4,2,3,3]
              weight "b" : f32[4]
              %w = param() {name="w"} : f32[4,2,3,3]
              %b = param() {name="b"} : f32[4]
            """;

    @Test
    void channelBiasBehindAReshapeBecomesTheConvBias() {
        assertPass(new ConvBiasFusion(), HEAD + """
                  %c = conv(%x, %w) {strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1} : f32[1,4,3,3]  # tf "conv/Conv2D" "Conv2D"
                  %s = const() {value=dense<i64[4]>[1,4,1,1]} : i64[4]
                  %rb = reshape(%b, %s) : f32[1,4,1,1]
                  %y = add(%rb, %c) : f32[1,4,3,3]  # tf "conv/BiasAdd" "BiasAdd"
                  %z = relu(%y) : f32[1,4,3,3]
                  return "z" = %z
                }
                """, HEAD + """
                  %y_1 = conv(%x, %w, %b) {strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1} : f32[1,4,3,3]  # tf "conv/Conv2D" "Conv2D"
                  %z = relu(%y_1) : f32[1,4,3,3]
                  return "z" = %z
                }
                """);
    }

    @Test
    void graphOutputOfTheAddIsRedirected() {
        assertPass(new ConvBiasFusion(), HEAD + """
                  %c = conv(%x, %w) {strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1} : f32[1,4,3,3]
                  %s = const() {value=dense<i64[4]>[1,4,1,1]} : i64[4]
                  %rb = reshape(%b, %s) : f32[1,4,1,1]
                  %y = add(%c, %rb) : f32[1,4,3,3]
                  return "y" = %y
                }
                """, HEAD + """
                  %y_1 = conv(%x, %w, %b) {strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1} : f32[1,4,3,3]
                  return "y" = %y_1
                }
                """);
    }

    @Test
    void whatIsNotAChannelBiasStays() {
        assertUnchanged(new ConvBiasFusion(), HEAD + """
                  weight "b3" : f32[3]
                  %b3 = param() {name="b3"} : f32[3]
                  %c1 = conv(%x, %w) {strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1} : f32[1,4,3,3]
                  %bare = add(%c1, %b3) : f32[1,4,3,3]
                  %c2 = conv(%x, %w) {strides=[1,1], pads=[1,1,0,0], dilations=[1,1], group=1} : f32[1,4,4,4]
                  %s = const() {value=dense<i64[4]>[1,1,1,4]} : i64[4]
                  %last = reshape(%b, %s) : f32[1,1,1,4]
                  %wrong_axis = add(%c2, %last) : f32[1,4,4,4]
                  %c3 = conv(%x, %w) {strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1} : f32[1,4,3,3]
                  %s4 = const() {value=dense<i64[4]>[1,4,1,1]} : i64[4]
                  %rb = reshape(%b, %s4) : f32[1,4,1,1]
                  %shared = add(%c3, %rb) : f32[1,4,3,3]
                  %c3_again = relu(%c3) : f32[1,4,3,3]
                  %c4 = conv(%x, %w, %b) {strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1} : f32[1,4,3,3]
                  %twice = add(%c4, %rb) : f32[1,4,3,3]
                  %c5 = conv(%x, %w) {strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1} : f32[1,4,3,3]
                  %out = add(%c5, %rb) : f32[1,4,3,3]
                  return "bare" = %bare, "wrong_axis" = %wrong_axis, "shared" = %shared, "c3" = %c3_again, "twice" = %twice, "out" = %out, "c5" = %c5
                }
                """);
    }

    @Test
    void transposedConvolutionTakesItsChannelBiasToo() {
        // conv_transpose weights are [in, out, kh, kw]: the bias has one value per output channel (dim 1 of w)
        String head = """
                graph @g {
                  input %x : f32[1,4,3,3] = "x"
                  weight "w" : f32[4,2,2,2]
                  weight "b" : f32[2]
                  %w = param() {name="w"} : f32[4,2,2,2]
                  %b = param() {name="b"} : f32[2]
                """;
        assertPass(new ConvBiasFusion(), head + """
                  %c = conv_transpose(%x, %w) {strides=[2,2], pads=[0,0,0,0], dilations=[1,1], group=1, output_padding=[0,0]} : f32[1,2,6,6]
                  %s = const() {value=dense<i64[4]>[1,2,1,1]} : i64[4]
                  %rb = reshape(%b, %s) : f32[1,2,1,1]
                  %y = add(%c, %rb) : f32[1,2,6,6]
                  return "y" = %y
                }
                """, head + """
                  %y_1 = conv_transpose(%x, %w, %b) {strides=[2,2], pads=[0,0,0,0], dilations=[1,1], group=1, output_padding=[0,0]} : f32[1,2,6,6]
                  return "y" = %y_1
                }
                """);
    }
}
