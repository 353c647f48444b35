package org.tf2torch.exporters.pytorch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;

class TorchScriptArchiveWriterTest {
    @TempDir
    Path dir;

    /** Written the way torch.jit.save prints classes: typed attributes, then fully qualified method types. */
    static final String MODEL_PY = """
            class Net(Module):
              __parameters__ = ["weight", "bias", ]
              __buffers__ = []
              weight : Tensor
              bias : Tensor
              training : bool
              alpha : float
              block : __torch__.model.Block
              extras : __torch__.extras.Extras
              def forward(self: __torch__.model.Net,
                x: Tensor) -> Tensor:
                y = torch.linear(x, self.weight, self.bias)
                y0 = torch.mul(y, self.alpha)
                block = self.block
                return (block).forward(y0, )
            class Block(Module):
              __parameters__ = []
              __buffers__ = ["shift", ]
              shift : Tensor
              training : bool
              count : int
              big : int
              def forward(self: __torch__.model.Block,
                x: Tensor) -> Tensor:
                return torch.add(x, torch.mul(self.shift, self.count))
            """;

    /** {@code Extras} holds one buffer per sample tensor (every dtype, a scalar, an empty one, a file slice). */
    static String extrasPy(List<NamedTensor> buffers) {
        StringBuilder sb = new StringBuilder("class Extras(Module):\n  __parameters__ = []\n  __buffers__ = [");
        for (NamedTensor b : buffers) sb.append('"').append(b.name()).append("\", ");
        sb.append("]\n");
        for (NamedTensor b : buffers) sb.append("  ").append(b.name()).append(" : Tensor\n");
        return sb.append("  training : bool\n").toString();
    }

    /** Buffers for {@code Extras}: the sample tensors minus the one whose name is no identifier. */
    static List<NamedTensor> extraBuffers(Path dir) throws IOException {
        return SampleTensors.all(dir).stream().filter(t -> !t.name().equals(SampleTensors.HOSTILE_NAME))
                .map(t -> new NamedTensor(t.name().replace('.', '_'), t.tensor())).toList();
    }

    /** y = (x @ W^T + b) * 2 + [10, 20] * 3, so row [1,1,1] gives [43, 89] and row [0,1,0] gives [35, 69]. */
    static ScriptModule model(List<NamedTensor> extras) {
        ScriptModule block = new ScriptModule("__torch__.model.Block")
                .buffer("shift", TensorValues.ofFloats(Shape.of(2), 10f, 20f))
                .bool("training", false).integer("count", 3).integer("big", -(1L << 40));
        ScriptModule extraModule = new ScriptModule("__torch__.extras.Extras");
        for (NamedTensor b : extras) extraModule.buffer(b.name(), b.tensor());
        extraModule.bool("training", false);
        return new ScriptModule("__torch__.model.Net")
                .parameter("weight", TensorValues.ofFloats(Shape.of(2, 3), 1, 2, 3, 4, 5, 6))
                .parameter("bias", TensorValues.ofFloats(Shape.of(2), 0.5f, -0.5f))
                .bool("training", false).floating("alpha", 2.0)
                .child("block", block).child("extras", extraModule);
    }

    static Map<String, String> code(List<NamedTensor> extras) {
        Map<String, String> code = new LinkedHashMap<>();
        code.put("code/__torch__/model.py", MODEL_PY);
        code.put("code/__torch__/extras.py", extrasPy(extras));
        return code;
    }

    private static final String LOAD = PythonCheck.COMPARE + """
            import torch
            m = torch.jit.load(sys.argv[1])
            x = torch.tensor([[1., 1., 1.], [0., 1., 0.]])
            y = m(x)
            assert y.tolist() == [[43.0, 89.0], [35.0, 69.0]], y
            assert [(n, p.requires_grad) for n, p in m.named_parameters()] == [('weight', True), ('bias', True)]
            assert all(not b.requires_grad for b in m.buffers())
            assert not m.training and not m.block.training
            assert m.block.count == 3 and m.block.big == -(1 << 40) and m.alpha == 2.0
            sd = m.state_dict()
            keys = list(sd.keys())
            assert keys[:3] == ['weight', 'bias', 'block.shift'], keys
            actual = [(k[len('extras.'):], str(v.dtype)[len('torch.'):], v.shape,
                       (v.float() if v.dtype == torch.bfloat16 else v).reshape(-1).tolist()) for k, v in sd.items()
                      if k.startswith('extras.')]
            compare(actual, expected(sys.argv[2])[1])
            m.save(sys.argv[3])
            assert torch.equal(torch.jit.load(sys.argv[3])(x), y)
            print('OK', keys)
            """;

    @Test
    void jitLoadRunsForwardAndKeepsParametersAndBuffers() throws Exception {
        PythonCheck.assumeTorch();
        List<NamedTensor> extras = extraBuffers(dir);
        Path file = dir.resolve("model.torchscript.pt");
        TorchScriptArchiveWriter.write(file, model(extras), code(extras));
        Path expected = dir.resolve("expected.txt");
        PythonCheck.writeExpected(expected, extras, null);
        String out = PythonCheck.run(LOAD, file.toString(), expected.toString(), dir.resolve("resaved.pt").toString());
        assertEquals("OK ['weight', 'bias', 'block.shift', 'extras.dense_weight', 'extras.f64', 'extras.i64', "
                + "'extras.i32', 'extras.bool', 'extras.f16', 'extras.bf16', 'extras.u8', 'extras.i8', 'extras.i16', "
                + "'extras.scalar', 'extras.empty', 'extras.slice']", out.strip());
    }

    @Test
    void rejectsWhatCouldNeverLoad() {
        assertThrows(IllegalArgumentException.class, () -> new ScriptModule("model.Net"));
        assertThrows(IllegalArgumentException.class, () -> new ScriptModule("__torch__.model.Net;x"));
        ScriptModule m = new ScriptModule("__torch__.model.Net").bool("training", false);
        assertThrows(IllegalArgumentException.class, () -> m.bool("training", true));
        assertThrows(IllegalArgumentException.class, () -> m.integer("bad name", 1));
        assertThrows(IllegalArgumentException.class,
                () -> TorchScriptArchiveWriter.write(dir.resolve("x.pt"), m, Map.of("code/__torch__/other.py", "")));
        assertThrows(IllegalArgumentException.class,
                () -> TorchScriptArchiveWriter.write(dir.resolve("y.pt"), m, Map.of("code/../model.py", "")));
        assertEquals("code/__torch__/model.py", m.codePath());
        assertEquals("code/__torch__.py", ScriptModule.codePath("__torch__.Net"));
        assertEquals("code/__torch__/a/b.py", ScriptModule.codePath("__torch__.a.b.C"));
    }
}
