package org.tf2torch.validation.runtime;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.DType;

/** A corpus case's {@code case.json}: graph tensors with their dtype, shape and {@code .npy} file. */
record CorpusCase(Path dir, String model, List<Entry> inputs, List<Entry> outputs) {
    /** {@code dtype} is null for types tf2torch arrays do not hold (uint16, ...). */
    record Entry(String name, DType dtype, long[] shape, Path file) {}

    static CorpusCase read(Path dir) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(dir.resolve("case.json"))).getAsJsonObject();
        return new CorpusCase(dir, o.has("model") ? o.get("model").getAsString() : null,
                entries(dir, o.getAsJsonArray("inputs")), entries(dir, o.getAsJsonArray("outputs")));
    }

    private static List<Entry> entries(Path dir, JsonArray a) {
        List<Entry> list = new ArrayList<>();
        if (a == null) return list;
        for (JsonElement e : a) {
            JsonObject o = e.getAsJsonObject();
            JsonArray s = o.getAsJsonArray("shape");
            long[] shape = new long[s.size()];
            for (int i = 0; i < shape.length; i++) shape[i] = s.get(i).getAsLong();
            list.add(new Entry(o.get("name").getAsString(), dtype(o.get("dtype").getAsString()), shape,
                    dir.resolve(o.get("file").getAsString())));
        }
        return list;
    }

    /** Null for types tf2torch arrays do not hold (uint16, ...). */
    private static DType dtype(String numpyName) {
        try {
            return DType.fromNumpyName(numpyName);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The corpus README's tolerances: those TF itself reproduced the stored outputs within. */
    static double[] tolerance(DType d) {
        switch (d) {
            case F64: return new double[] {1e-6, 1e-7};
            case F16: case BF16: return new double[] {1e-2, 1e-3};
            case F32: return new double[] {1e-4, 1e-5};
            default: return new double[] {0, 0};
        }
    }
}
