package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.importers.ImportOptions;
import org.tf2torch.ir.json.Json;

/**
 * What to import for a case and what to compare with: the model path, the import options (from case.json, then
 * the manifest's entry, which wins), and the reference case.json whose stored TF values replace running TF.
 */
record CaseSetup(Path model, ImportOptions io, Path reference) {
    static CaseSetup of(ZooCase c) throws IOException {
        ImportOptions io = ImportOptions.defaults();
        Path model = c.model();
        Path reference = null;
        if (c.caseJson() != null) {
            Map<String, Object> cj = Json.parseObject(Files.readString(c.caseJson(), StandardCharsets.UTF_8));
            if ("savedmodel".equals(cj.get("format"))) {
                model = c.caseJson().getParent();
                if (cj.get("signature") != null) io = io.withSignature((String) cj.get("signature"));
            } else {
                model = c.caseJson().getParent().resolve(String.valueOf(cj.get("model")));
                io = io.withOutputs(names(cj.get("outputs"))).withInputs(names(cj.get("inputs")));
                reference = c.caseJson();
            }
        }
        CaseSpec s = c.spec();
        if (s.tag() != null) io = io.withTag(s.tag());
        if (s.signature() != null) io = io.withSignature(s.signature());
        if (!s.inputs().isEmpty()) io = io.withInputs(s.inputs());
        if (!s.outputs().isEmpty()) io = io.withOutputs(s.outputs());
        return new CaseSetup(model, io, reference);
    }

    private static List<String> names(Object list) {
        List<String> out = new ArrayList<>();
        if (list != null) for (Object o : (List<?>) list) out.add((String) ((Map<?, ?>) o).get("name"));
        return out;
    }
}
