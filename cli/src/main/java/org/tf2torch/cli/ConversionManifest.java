package org.tf2torch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.exporters.pytorch.ExportResult;
import org.tf2torch.importers.ImportResult;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.json.Json;

/** {@code conversion.json}: what was converted, its interface, and what the conversion produced. */
final class ConversionManifest {
    static final int SCHEMA_VERSION = 1;

    private ConversionManifest() {}

    static void write(Path file, ImportResult r, ExportResult e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", SCHEMA_VERSION);
        m.put("tool", "tf2torch");
        m.put("tool_version", Version.get());
        m.put("source", r.source());
        m.put("format", r.format());
        m.put("tag", r.tag());
        m.put("signature", r.signature());
        m.put("class_name", e.className());
        m.put("channels_first", r.channelsFirst());
        List<Object> inputs = new ArrayList<>();
        for (int i = 0; i < r.graph().inputs().size(); i++) {
            Value v = r.graph().inputs().get(i);
            String key = r.graph().inputKeys().get(i);
            Map<String, Object> in = tensor(key, v);
            in.put("argument", e.forwardArgs().get(i));
            in.put("tf_tensor", r.inputTensors().getOrDefault(key, ""));
            inputs.add(in);
        }
        m.put("inputs", inputs);
        List<Object> outputs = new ArrayList<>();
        for (Map.Entry<String, Value> o : r.graph().outputs().entrySet()) {
            Map<String, Object> out = tensor(o.getKey(), o.getValue());
            out.put("tf_tensor", r.outputTensors().getOrDefault(o.getKey(), ""));
            outputs.add(out);
        }
        m.put("outputs", outputs);
        m.put("returns", r.graph().outputs().size() == 1 ? "tensor" : "dict");
        m.put("tf_op_histogram", r.tfOpHistogram());
        m.put("warnings", r.warnings());
        m.put("ir_nodes", r.graph().nodes().size());
        List<Object> state = new ArrayList<>();
        for (ExportResult.StateEntry s : e.stateDict()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("key", s.key());
            one.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            one.put("tf_name", s.source());
            one.put("dtype", s.dtype().numpyName());
            one.put("shape", s.shape());
            state.add(one);
        }
        m.put("state_dict", state);
        m.put("trainable_parameter_count", e.trainableParameterCount());
        List<String> files = new ArrayList<>(List.of("model.py", e.weights().getFileName().toString(),
                e.torchScript().getFileName().toString(), "conversion.json"));
        if (Files.exists(file.resolveSibling("probes.json"))) files.add("probes.json");
        m.put("files", files);
        try {
            Files.writeString(file, Json.write(m), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Map<String, Object> tensor(String key, Value v) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", key);
        t.put("dtype", v.dtype().numpyName());
        List<Object> shape = new ArrayList<>();
        if (v.shape().hasRank()) {
            for (var d : v.shape().dims()) shape.add(d.isStatic() ? (Object) d.size() : d.isSymbolic() ? d.symbolName() : null);
            t.put("shape", shape);
        } else {
            t.put("shape", null);
        }
        return t;
    }
}
