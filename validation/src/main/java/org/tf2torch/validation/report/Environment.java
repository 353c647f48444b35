package org.tf2torch.validation.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.tf2torch.validation.runtime.DjlTorchScriptRunner;
import org.tf2torch.validation.runtime.PythonProbe;

/**
 * Where a validation ran. Numbers from two machines, or two libtorch builds, are not comparable, so every report
 * carries this. Versions are null where a runtime was not available.
 *
 * @param device {@code cpu} or {@code cuda:0}, as the user chose it
 */
public record Environment(String tf2torchVersion, String tfVersion, String libtorchVersion, String pythonVersion,
        String torchVersion, String javaVersion, String javaVendor, String os, String arch, int cpus, String device) {

    /** Java, OS and CPU facts only; loads no native library, so it cannot fail. */
    public static Environment basic(String device) {
        String v = Environment.class.getPackage().getImplementationVersion();
        return new Environment(v != null ? v : "dev", null, null, null, null, System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), device);
    }

    /**
     * {@link #basic} plus the TensorFlow and libtorch versions, which load their native libraries (both runners load
     * them anyway), and the Python and torch versions when {@code python} is non-null.
     */
    public static Environment detect(String device, PythonProbe.PythonInfo python) {
        Environment e = basic(device)
                .withTf(quietly(org.tensorflow.TensorFlow::version))
                .withLibtorch(quietly(DjlTorchScriptRunner::libtorchVersion));
        return python == null ? e : e.withPython(python.pythonVersion(), python.torchVersion());
    }

    public Environment withTf(String v) {
        return new Environment(tf2torchVersion, v, libtorchVersion, pythonVersion, torchVersion, javaVersion,
                javaVendor, os, arch, cpus, device);
    }

    public Environment withLibtorch(String v) {
        return new Environment(tf2torchVersion, tfVersion, v, pythonVersion, torchVersion, javaVersion, javaVendor,
                os, arch, cpus, device);
    }

    public Environment withPython(String python, String torch) {
        return new Environment(tf2torchVersion, tfVersion, libtorchVersion, python, torch, javaVersion, javaVendor,
                os, arch, cpus, device);
    }

    /** The fields under the names the JSON report uses; every report lists them in this order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tf2torch", tf2torchVersion);
        m.put("tensorflow", tfVersion);
        m.put("libtorch", libtorchVersion);
        m.put("python", pythonVersion);
        m.put("torch", torchVersion);
        m.put("java", javaVersion);
        m.put("java_vendor", javaVendor);
        m.put("os", os);
        m.put("arch", arch);
        m.put("cpus", (long) cpus);
        m.put("device", device);
        return m;
    }

    /** A native library that fails to load must not take the report down with it; the version is just unknown. */
    private static String quietly(Supplier<String> s) {
        try {
            return s.get();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
