package org.tf2torch.importers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.tf2torch.importers.savedmodel.SavedModelLoader;

/** Entry point: reads a SavedModel directory or a frozen GraphDef {@code .pb} into the IR. */
public final class ModelImporter {
    /** Deep graphs translate recursively; a large private stack keeps that safe. */
    private static final long STACK_BYTES = 1L << 30;

    private ModelImporter() {}

    public static ImportResult load(Path model, ImportOptions opts) {
        if (!Files.exists(model)) throw new ImportException(model + " does not exist.");
        if (Files.isDirectory(model)) {
            if (!SavedModelLoader.isSavedModelDir(model)) {
                throw new ImportException(model + " is not a SavedModel: it has no saved_model.pb. Pass the folder "
                        + "that tf.saved_model.save wrote (it holds saved_model.pb and variables/), or a frozen .pb file.");
            }
            return onBigStack(() -> new SavedModelImport(model, opts).run());
        }
        return onBigStack(() -> new GraphDefImport(model, opts).run());
    }

    private static ImportResult onBigStack(java.util.function.Supplier<ImportResult> work) {
        AtomicReference<ImportResult> result = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                error.set(e);
            }
        }, "tf2torch-import", STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException("import interrupted");
        }
        Throwable e = error.get();
        if (e instanceof RuntimeException) throw (RuntimeException) e;
        if (e instanceof Error) throw (Error) e;
        return result.get();
    }
}
