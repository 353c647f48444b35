package org.tf2torch.validation;

import ai.djl.util.cuda.CudaUtils;

/** Device selection: CPU always; CUDA only when a GPU is visible to the native libraries on the classpath. */
final class Devices {
    private Devices() {}

    static void check(String device) {
        if (device == null || device.equals("cpu")) return;
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
        throw new ValidationException("--device cuda: " + gpus + " GPU(s) found, but this build of tf2torch runs "
                + "validation on CPU only; use --device cpu.");
    }
}
