package org.tf2torch.cli.zoo;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tf2torch.validation.ValidationOptions;

/**
 * The run-wide choices every case shares, in a form that travels to worker JVMs as one JSON line.
 *
 * @param out     the run's output folder
 * @param timeout seconds per case
 * @param python  Python with torch for the model.py check, or "none"
 * @param bench   time TF and PyTorch per case (needs TF to run, so not for cases with stored references)
 */
public record RunOptions(Path out, long timeout, String python, boolean bench, int warmup, int runs) {
    public ValidationOptions validation() {
        ValidationOptions base = ValidationOptions.defaults();
        return new ValidationOptions(base.inputs(), 1, null, null, base.tolerances(), python, "cpu", bench, warmup,
                runs, 1, null);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("out", out.toAbsolutePath().toString());
        m.put("timeout", timeout);
        m.put("python", python);
        m.put("bench", bench);
        m.put("warmup", warmup);
        m.put("runs", runs);
        return m;
    }

    static RunOptions fromMap(Map<?, ?> m) {
        return new RunOptions(Paths.get((String) m.get("out")), ((Number) m.get("timeout")).longValue(),
                (String) m.get("python"), Boolean.TRUE.equals(m.get("bench")), ((Number) m.get("warmup")).intValue(),
                ((Number) m.get("runs")).intValue());
    }
}
