package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;

/**
 * Runs an exported archive in libtorch 2.5.1 through DJL (the runtime validation uses) and compares each
 * output with the NumPy reference check_export.py saved, so every aten name the archive uses is known to
 * both torch 1.13 and libtorch 2.5.
 */
final class LibtorchCheck {
    private LibtorchCheck() {}

    /** {@code outputKeys}: the dict's keys (DJL hands a dict back in no particular order, named by key). */
    static void run(Path archive, List<Tensor> inputs, Path caseDir, List<String> outputKeys, double rtol, double atol)
            throws Exception {
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(archive).optEngine("PyTorch").optTranslator(new NoopTranslator()).build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
                Predictor<NDList, NDList> predictor = model.newPredictor();
                NDManager mgr = NDManager.newBaseManager("PyTorch")) {
            NDList in = new NDList();
            for (Tensor t : inputs) in.add(toNd(mgr, t));
            NDList out = predictor.predict(in);
            assertEquals(outputKeys.size(), out.size(), "libtorch output count");
            NDArray[] byKey = match(out, outputKeys);
            for (int i = 0; i < outputKeys.size(); i++) {
                Npy expected = Npy.read(caseDir.resolve("expected_" + i + ".npy"));
                String key = outputKeys.get(i);
                NDArray got = byKey[i];
                assertTrue(got != null, () -> "libtorch returned no output '" + key + "'");
                assertArrayEquals(expected.shape, got.getShape().getShape(), "libtorch output " + key + " shape");
                double[] g = toDoubles(got);
                for (int k = 0; k < g.length; k++) {
                    double e = expected.values[k];
                    boolean ok = Double.isNaN(e) ? Double.isNaN(g[k]) : Math.abs(g[k] - e) <= atol + rtol * Math.abs(e);
                    final int at = k;
                    assertTrue(ok, () -> "libtorch output '" + key + "' #" + at + ": " + g[at] + " vs " + e);
                }
            }
        }
    }

    /**
     * DJL returns a dict in no particular order with each array named by its key, read back through JNI's
     * modified UTF-8: a key is cut at a NUL and loses characters outside the BMP. Keys are matched by name
     * where that survives; a single key left over takes the single array left over.
     */
    private static NDArray[] match(NDList out, List<String> keys) {
        NDArray[] res = new NDArray[keys.size()];
        if (keys.size() == 1) {
            res[0] = out.get(0);
            return res;
        }
        java.util.List<NDArray> left = new java.util.ArrayList<>(out);
        java.util.List<Integer> missing = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            int nul = key.indexOf('\0');
            String name = nul < 0 ? key : key.substring(0, nul);
            for (int k = 0; k < left.size(); k++) {
                if (name.equals(left.get(k).getName())) {
                    // By index: NDArray.equals compares contents, and two keys may hold equal tensors.
                    res[i] = left.remove(k);
                    break;
                }
            }
            if (res[i] == null) missing.add(i);
        }
        if (missing.size() == 1 && left.size() == 1) res[missing.get(0)] = left.get(0);
        return res;
    }

    private static NDArray toNd(NDManager mgr, Tensor t) {
        ai.djl.ndarray.types.Shape s = new ai.djl.ndarray.types.Shape(t.shape().sizes());
        switch (t.dtype()) {
            case F32: {
                double[] d = TensorValues.toDoubles(t);
                float[] f = new float[d.length];
                for (int i = 0; i < f.length; i++) f[i] = (float) d[i];
                return mgr.create(f, s);
            }
            case I64: return mgr.create(TensorValues.toLongs(t), s);
            case I32: {
                long[] l = TensorValues.toLongs(t);
                int[] v = new int[l.length];
                for (int i = 0; i < v.length; i++) v[i] = (int) l[i];
                return mgr.create(v, s);
            }
            default: throw new IllegalArgumentException("no test conversion for " + t.dtype());
        }
    }

    private static double[] toDoubles(NDArray a) {
        NDArray d = a.getDataType() == DataType.FLOAT64 ? a : a.toType(DataType.FLOAT64, false);
        return d.toDoubleArray();
    }

    /** Just enough of the .npy format for the reference outputs: little-endian numeric C-order arrays. */
    record Npy(long[] shape, double[] values) {
        static Npy read(Path p) throws Exception {
            byte[] all = Files.readAllBytes(p);
            ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            int major = all[6];
            int headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
            int start = major == 1 ? 10 : 12;
            String header = new String(all, start, headerLen, StandardCharsets.US_ASCII);
            String descr = header.replaceAll("(?s).*'descr': '([^']*)'.*", "$1");
            String dims = header.replaceAll("(?s).*'shape': \\(([^)]*)\\).*", "$1").trim();
            long[] shape = dims.isEmpty() ? new long[0]
                    : java.util.Arrays.stream(dims.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                            .mapToLong(Long::parseLong).toArray();
            long n = 1;
            for (long s : shape) n *= s;
            double[] v = new double[(int) n];
            ByteBuffer data = ByteBuffer.wrap(all, start + headerLen, all.length - start - headerLen).slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                switch (descr) {
                    case "<f4": v[i] = data.getFloat(i * 4); break;
                    case "<f8": v[i] = data.getDouble(i * 8); break;
                    case "<i4": v[i] = data.getInt(i * 4); break;
                    case "<i8": v[i] = data.getLong(i * 8); break;
                    default: throw new IllegalArgumentException("npy dtype " + descr);
                }
            }
            return new Npy(shape, v);
        }
    }
}
