package org.tf2torch.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.json.Json;
import org.tf2torch.validation.inputs.InputSpec;

/** A conversion output folder as described by its {@code conversion.json}. */
public record ConvertedModel(Path dir, Path source, String format, String tag, String signature, String className,
                             List<Port> inputs, List<Port> outputs, String weightsFile, boolean channelsFirst) {
    /** One input or output: signature key, forward argument (inputs), TF tensor name, dtype and shape. */
    public record Port(String name, String argument, String tfTensor, DType dtype, Shape shape) {
        public InputSpec spec() { return new InputSpec(name, dtype, shape); }
    }

    public static ConvertedModel read(Path dir) {
        Path file = dir.resolve("conversion.json");
        if (!Files.isRegularFile(file)) {
            throw new ValidationException(dir + " is not a tf2torch conversion folder (no conversion.json); run "
                    + "`tf2torch convert MODEL -o " + dir + "` first, or use `tf2torch check MODEL`.");
        }
        Map<String, Object> m;
        try {
            m = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new ValidationException("cannot read " + file + ": " + e.getMessage());
        }
        String weights = "model.safetensors";
        for (Object f : (List<?>) m.getOrDefault("files", List.of())) {
            if (f.toString().startsWith("model.") && !f.toString().equals("model.py")
                    && !f.toString().equals("model.torchscript.pt")) weights = f.toString();
        }
        return new ConvertedModel(dir, Paths.get((String) m.get("source")), (String) m.get("format"),
                (String) m.getOrDefault("tag", ""), (String) m.getOrDefault("signature", ""),
                (String) m.get("class_name"), ports(m.get("inputs")), ports(m.get("outputs")), weights,
                Boolean.TRUE.equals(m.get("channels_first")));
    }

    private static List<Port> ports(Object list) {
        List<Port> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            Map<?, ?> p = (Map<?, ?>) o;
            out.add(new Port((String) p.get("name"), (String) p.get("argument"), (String) p.get("tf_tensor"),
                    DType.fromNumpyName((String) p.get("dtype")), shape(p.get("shape"))));
        }
        return out;
    }

    private static Shape shape(Object s) {
        if (s == null) return Shape.unknownRank();
        List<Dim> dims = new ArrayList<>();
        for (Object d : (List<?>) s) {
            if (d == null) dims.add(Dim.unknown());
            else if (d instanceof Number) dims.add(Dim.of(((Number) d).longValue()));
            else dims.add(Dim.symbol(d.toString()));
        }
        return Shape.of(dims);
    }

    public Path torchScript() { return dir.resolve("model.torchscript.pt"); }

    public List<InputSpec> inputSpecs() {
        List<InputSpec> l = new ArrayList<>();
        for (Port p : inputs) l.add(p.spec());
        return l;
    }
}
