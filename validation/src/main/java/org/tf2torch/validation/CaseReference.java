package org.tf2torch.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.json.Json;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.io.Npy;

/**
 * The values TensorFlow computed for a corpus case ({@code case.json} + {@code .npy} files): fed inputs and
 * expected outputs, keyed by TF tensor name ({@code node} for output 0, {@code node:k} otherwise).
 */
public record CaseReference(Path caseJson, Path model, Map<String, NdArray> inputs, Map<String, NdArray> outputs) {
    public static CaseReference read(Path caseJson) {
        Path dir = caseJson.toAbsolutePath().getParent();
        try {
            Map<String, Object> m = Json.parseObject(Files.readString(caseJson, StandardCharsets.UTF_8));
            return new CaseReference(caseJson, dir.resolve((String) m.get("model")), arrays(dir, m.get("inputs")),
                    arrays(dir, m.get("outputs")));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new ValidationException("cannot read the reference case " + caseJson + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, NdArray> arrays(Path dir, Object list) throws IOException {
        Map<String, NdArray> out = new LinkedHashMap<>();
        if (list == null) return out;
        for (Object o : (List<?>) list) {
            Map<?, ?> e = (Map<?, ?>) o;
            out.put(normalize((String) e.get("name")), Npy.read(dir.resolve((String) e.get("file"))));
        }
        return out;
    }

    /** {@code node:0} and {@code node} name the same tensor. */
    public static String normalize(String tensor) {
        return tensor.endsWith(":0") ? tensor.substring(0, tensor.length() - 2) : tensor;
    }

    /** Output tensor names in case order, for {@code convert --outputs}. */
    public List<String> outputNames() { return List.copyOf(outputs.keySet()); }

    public List<String> inputNames() { return List.copyOf(inputs.keySet()); }
}
