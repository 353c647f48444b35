package org.tf2torch.validation.inputs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tf2torch.ir.Dim;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.io.Npy;
import org.tf2torch.validation.io.Npz;

/**
 * User-given inputs: an {@code .npz} archive or a directory of {@code .npy} files, one array per input. An array
 * matches an input by its exact name or by the name with every character outside {@code [A-Za-z0-9_.-]} replaced
 * by {@code _}, since names like {@code serving_default/x:0} cannot be file names. Every problem is reported at
 * once, because fixing a file one complaint per run is tedious.
 */
public final class InputFiles {
    private InputFiles() {}

    /** The arrays as stored, keyed by member or file name without {@code .npy}; directory files in name order. */
    public static Map<String, NdArray> read(Path path) {
        try {
            if (Files.isDirectory(path)) return readDirectory(path);
            if (!Files.isRegularFile(path)) throw new InputException("inputs " + path + " do not exist");
            if (path.getFileName().toString().endsWith(".npy")) {
                throw new InputException("inputs " + path + " is a single .npy file; give an .npz archive or a"
                        + " directory of .npy files named after the inputs");
            }
            return Npz.read(path);
        } catch (IOException e) {
            throw new InputException("cannot read inputs " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code path} and checks it against {@code specs}; the result is in signature order, keyed by spec name. */
    public static Map<String, NdArray> load(Path path, List<InputSpec> specs) {
        return match(read(path), specs, path.toString());
    }

    /**
     * Pairs arrays with inputs and checks names, dtypes, ranks, static sizes, and that a symbol has one size across
     * all inputs.
     */
    public static Map<String, NdArray> match(Map<String, NdArray> arrays, List<InputSpec> specs, String origin) {
        List<String> problems = new ArrayList<>();
        Map<String, String> unclaimed = new LinkedHashMap<>();
        for (String k : arrays.keySet()) unclaimed.put(k, k);
        Map<String, NdArray> out = new LinkedHashMap<>();
        Map<String, Long> symbols = new HashMap<>();
        for (InputSpec s : specs) {
            String key = arrays.containsKey(s.name()) ? s.name() : fileName(s.name());
            NdArray a = arrays.get(key);
            if (a == null) {
                problems.add("missing input " + s.name() + (key.equals(s.name()) ? "" : " (or " + key + ")"));
                continue;
            }
            unclaimed.remove(key);
            check(s, a, symbols, problems);
            out.put(s.name(), a);
        }
        for (String extra : unclaimed.keySet()) {
            problems.add("array " + extra + " matches no input (inputs: "
                    + specs.stream().map(InputSpec::name).toList() + ")");
        }
        if (!problems.isEmpty()) {
            throw new InputException("inputs " + origin + " do not fit the signature:\n  - "
                    + String.join("\n  - ", problems));
        }
        return out;
    }

    /** What reports print for file inputs. */
    public static InputsInfo describe(String origin, List<InputSpec> specs, Map<String, NdArray> matched) {
        List<InputsInfo.Tensor> tensors = new ArrayList<>();
        for (InputSpec s : specs) {
            NdArray a = matched.get(s.name());
            if (a != null) tensors.add(new InputsInfo.Tensor(s.name(), a.dtype(), s.shape().toString(), a.shape()));
        }
        return new InputsInfo(InputsInfo.FILE, origin, null, 1, null, null, Map.of(), tensors);
    }

    /** The file name an input's array may have instead of its own name. */
    public static String fileName(String inputName) {
        return inputName.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static void check(InputSpec s, NdArray a, Map<String, Long> symbols, List<String> problems) {
        if (s.dtype() != null && a.dtype() != s.dtype()) {
            problems.add("input " + s.name() + " wants " + s.dtype().numpyName() + ", the array is "
                    + a.dtype().numpyName() + " (convert it with a.astype(np." + s.dtype().numpyName() + "))");
        }
        if (!s.shape().hasRank()) return;
        long[] shape = a.shape();
        if (shape.length != s.shape().rank()) {
            problems.add("input " + s.name() + " wants rank " + s.shape().rank() + " " + s.shape()
                    + ", the array has rank " + shape.length + " " + Arrays.toString(shape));
            return;
        }
        for (int i = 0; i < shape.length; i++) {
            Dim d = s.shape().dim(i);
            if (d.isStatic() && d.size() != shape[i]) {
                problems.add("input " + s.name() + " wants " + s.shape() + ", the array is "
                        + Arrays.toString(shape) + " (axis " + i + ")");
            } else if (d.isSymbolic()) {
                Long prev = symbols.putIfAbsent(d.symbolName(), shape[i]);
                if (prev != null && prev != shape[i]) {
                    problems.add("dimension " + d.symbolName() + " is " + prev + " in one input but " + shape[i]
                            + " in " + s.name());
                }
            }
        }
    }

    private static Map<String, NdArray> readDirectory(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".npy") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        if (files.isEmpty()) throw new InputException("inputs directory " + dir + " holds no .npy files");
        Map<String, NdArray> out = new LinkedHashMap<>();
        for (Path f : files) {
            String n = f.getFileName().toString();
            out.put(n.substring(0, n.length() - 4), Npy.read(f));
        }
        return out;
    }
}
