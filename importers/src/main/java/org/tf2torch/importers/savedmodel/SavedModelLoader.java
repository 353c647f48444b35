package org.tf2torch.importers.savedmodel;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tf2torch.importers.ImportException;

/** Parses {@code saved_model.pb} and picks the MetaGraph and signature, with errors that list the choices. */
public final class SavedModelLoader {
    /** Signature keys TF uses internally; never a model's interface. */
    static final String INIT_OP = "__saved_model_init_op";

    private SavedModelLoader() {}

    public static boolean isSavedModelDir(Path p) {
        return Files.isDirectory(p) && (Files.isRegularFile(p.resolve("saved_model.pb"))
                || Files.isRegularFile(p.resolve("saved_model.pbtxt")));
    }

    public static SavedModel read(Path dir) {
        if (!Files.exists(dir)) throw new ImportException(dir + " does not exist.");
        Path pb = dir.resolve("saved_model.pb");
        if (!Files.isRegularFile(pb)) {
            if (Files.isRegularFile(dir.resolve("saved_model.pbtxt"))) {
                throw new ImportException(dir + " holds saved_model.pbtxt (text format), which is not supported; "
                        + "re-export the model with tf.saved_model.save to get saved_model.pb.");
            }
            throw new ImportException(dir + " is not a SavedModel: it has no saved_model.pb. Pass the folder that "
                    + "tf.saved_model.save wrote (it holds saved_model.pb and variables/), or a frozen .pb file.");
        }
        try (InputStream in = Files.newInputStream(pb)) {
            com.google.protobuf.CodedInputStream cis = com.google.protobuf.CodedInputStream.newInstance(in);
            cis.setRecursionLimit(1000);
            cis.setSizeLimit(Integer.MAX_VALUE);
            SavedModel sm = SavedModel.parseFrom(cis);
            if (sm.getMetaGraphsCount() == 0) throw new ImportException(pb + " holds no MetaGraph; the file is empty or not a SavedModel.");
            return sm;
        } catch (InvalidProtocolBufferException e) {
            throw new ImportException(pb + " is not a valid SavedModel protobuf (" + e.getMessage()
                    + "); the file may be truncated or corrupted. Re-copy or re-export it.", e);
        } catch (IOException e) {
            throw new ImportException("cannot read " + pb + ": " + e.getMessage(), e);
        }
    }

    public static MetaGraphDef selectMetaGraph(SavedModel sm, String tag, Path dir) {
        List<String> sets = new ArrayList<>();
        for (MetaGraphDef mg : sm.getMetaGraphsList()) {
            List<String> tags = mg.getMetaInfoDef().getTagsList();
            if (tags.contains(tag)) return mg;
            sets.add(String.join(",", tags));
        }
        throw new ImportException(dir + " has no MetaGraph tagged '" + tag + "'. Available tag sets: "
                + String.join("; ", sets) + ". Choose one with --tag.");
    }

    public static List<String> signatureKeys(MetaGraphDef mg) {
        List<String> keys = new ArrayList<>();
        for (String k : mg.getSignatureDefMap().keySet()) if (!k.equals(INIT_OP)) keys.add(k);
        java.util.Collections.sort(keys);
        return keys;
    }

    public static SignatureDef selectSignature(MetaGraphDef mg, String key, Path dir) {
        SignatureDef s = key.equals(INIT_OP) ? null : mg.getSignatureDefMap().get(key);
        if (s == null) {
            List<String> keys = signatureKeys(mg);
            throw new ImportException(dir + " has no signature '" + key + "'. Available signatures: "
                    + (keys.isEmpty() ? "(none)" : String.join(", ", keys)) + ". Choose one with --signature.");
        }
        return s;
    }
}
