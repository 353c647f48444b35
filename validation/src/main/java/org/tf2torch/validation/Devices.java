package org.tf2torch.validation;

import ai.djl.util.cuda.CudaUtils;

/** Device selection: CPU always; CUDA only when a GPU is visible to the native libraries on the classpath. */
final class Devices {
    private Devices() {}

    /** Returns true when validation runs on a GPU; throws when the device cannot be used. */
    static boolean check(String device) {
        if (device == null || device.equals("cpu")) return false;
        if (!device.equals("cuda")) throw new ValidationException("--device must be cpu or cuda, not '" + device + "'.");
        int gpus;
        try {
            gpus = CudaUtils.getGpuCount();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            gpus = 0;
        }
        if (gpus == 0) {
            throw new ValidationException("--device cuda: no CUDA GPU is visible on this machine (0 GPUs found). "
                    + "Run on a machine with an NVIDIA GPU and driver, with the tool built with `mvn -Pgpu`, or use "
                    + "--device cpu.");
        }
        // TF Java places ops on the GPU by itself when its CUDA natives are on the classpath (mvn -Pgpu); the
        // launcher sets NVIDIA_TF32_OVERRIDE=0 so neither side computes in TF32.
        return true;
    }
}
