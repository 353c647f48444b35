package org.tf2torch.validation.runtime;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.io.NdArray;

/**
 * Runs a TorchScript archive with libtorch in this JVM through DJL's PyTorch engine, offline. Inputs are positional,
 * in {@code forward}'s argument order. DJL flattens tuple and list results in order; a {@code Dict[str, Tensor]}
 * result arrives as arrays named by key, in DJL's hash-map order rather than the dict's. DJL 0.33 has no int16 and
 * aborts on bfloat16 inputs, so those are refused with a {@link RunnerException} before reaching it.
 */
public final class DjlTorchScriptRunner implements AutoCloseable {
    static {
        configureDefaults();
    }

    /**
     * The archive method that takes and returns int32 where {@code forward} has int16, which DJL cannot exchange;
     * tf2torch writes it only for models with int16 inputs or outputs.
     */
    public static final String WIDENED_METHOD = "validation_forward";

    private final Path file;
    private final ZooModel<NDList, NDList> model;
    private final boolean widened;

    private DjlTorchScriptRunner(Path file, ZooModel<NDList, NDList> model) {
        this.file = file;
        this.model = model;
        boolean w = false;
        if (model.getBlock() instanceof ai.djl.pytorch.engine.PtSymbolBlock) {
            for (String m : ai.djl.pytorch.jni.JniUtils.getMethodNames(
                    (ai.djl.pytorch.engine.PtSymbolBlock) model.getBlock())) {
                w |= m.equals(WIDENED_METHOD);
            }
        }
        this.widened = w;
    }

    /**
     * Whether runs go through {@link #WIDENED_METHOD}: int16 inputs are then passed as int32 and int16 results come
     * back as int32 (exactly), for the caller to narrow to the dtypes it expects.
     */
    public boolean widened() { return widened; }

    /**
     * Offline mode so a missing native jar fails at once instead of trying the network, and one libtorch thread
     * unless told otherwise: OpenMP spinning on a shared 2-core machine made forwards 20x slower. Only effective
     * before DJL's PyTorch engine first loads, so every entry point of this class calls it first.
     */
    public static void configureDefaults() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }

    /** The libtorch version DJL loaded, e.g. {@code 2.5.1}; loads the engine on first use. */
    public static String libtorchVersion() {
        try {
            return Engine.getEngine("PyTorch").getVersion();
        } catch (EngineException e) {
            throw new RunnerException("DJL could not load its PyTorch engine: " + e.getMessage(), e);
        }
    }

    public static DjlTorchScriptRunner open(Path file) throws IOException {
        return open(file, false);
    }

    /** With {@code gpu} the module and its inputs live on the first CUDA device (needs the -Pgpu natives). */
    public static DjlTorchScriptRunner open(Path file, boolean gpu) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("no TorchScript archive at " + file);
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("PyTorch")
                .optDevice(gpu ? ai.djl.Device.gpu() : ai.djl.Device.cpu())
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return new DjlTorchScriptRunner(file, criteria.loadModel());
        } catch (ModelNotFoundException | MalformedModelException | EngineException e) {
            throw new RunnerException("DJL could not load TorchScript archive " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() { return file; }

    /** Flattened outputs in DJL's order (see the class comment for dicts). */
    public List<NdArray> run(List<NdArray> inputs) {
        return runNamed(inputs).values();
    }

    /** Outputs with dict keys as names when the module returns a dict, else {@code output} / {@code output_i}. */
    public NamedOutputs runNamed(List<NdArray> inputs) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList in = new NDList();
            for (NdArray a : inputs) in.add(toDjl(manager, widened ? widen(a) : a));
            NDList out = widened || inputs.isEmpty() ? forwardByIValues(manager, in)
                    : model.getBlock().forward(new ParameterStore(manager, false), in, false);
            List<NdArray> values = new ArrayList<>();
            List<String> names = new ArrayList<>();
            boolean named = false;
            for (NDArray o : out) {
                values.add(fromDjl(o));
                names.add(o.getName());
                named |= o.getName() != null && !o.getName().isEmpty();
            }
            return named ? new NamedOutputs(names, values) : NamedOutputs.positional(values);
        } catch (EngineException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new RunnerException("libtorch failed running " + file + ": " + e.getMessage(), e);
        }
    }

    /** int16 as int32, which DJL can create; the widened method narrows it back. */
    static NdArray widen(NdArray a) {
        if (a.dtype() != DType.I16) return a;
        long[] v = a.toLongArray();
        int[] w = new int[v.length];
        for (int i = 0; i < v.length; i++) w[i] = (int) v[i];
        return NdArray.of(w, a.shape());
    }

    /**
     * Runs {@code forward} or the widened method through IValues: DJL's NDList path needs at least one input (it
     * takes the manager from it), and only this path reaches a method other than forward.
     */
    private NDList forwardByIValues(NDManager manager, NDList in) {
        ai.djl.pytorch.engine.PtSymbolBlock block = (ai.djl.pytorch.engine.PtSymbolBlock) model.getBlock();
        ai.djl.pytorch.engine.PtNDManager pm = (ai.djl.pytorch.engine.PtNDManager) manager;
        ai.djl.pytorch.jni.IValue[] args = new ai.djl.pytorch.jni.IValue[in.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = ai.djl.pytorch.jni.IValue.from((ai.djl.pytorch.engine.PtNDArray) in.get(i));
        }
        try (ai.djl.pytorch.jni.IValue result = widened
                ? ai.djl.pytorch.jni.IValueUtils.runMethod(block, WIDENED_METHOD, args) : block.forward(args)) {
            if (result.isTensor()) return new NDList(result.toTensor(pm));
            if (result.isMap()) {
                NDList out = new NDList();
                for (java.util.Map.Entry<String, ai.djl.pytorch.jni.IValue> e : result.toIValueMap().entrySet()) {
                    NDArray a = e.getValue().toTensor(pm);
                    a.setName(e.getKey());
                    out.add(a);
                    e.getValue().close();
                }
                return out;
            }
            return result.toNDList(pm);
        } finally {
            for (ai.djl.pytorch.jni.IValue a : args) a.close();
        }
    }

    @Override
    public void close() {
        model.close();
    }

    static NDArray toDjl(NDManager manager, NdArray a) {
        if (a.dtype() == DType.I16 || a.dtype() == DType.BF16) {
            // Checked here because DJL 0.33's libtorch bridge aborts the whole JVM on these types.
            throw new RunnerException("DJL's PyTorch engine cannot create " + a.dtype().numpyName()
                    + " tensors (it aborts the process); run this model with the Python runner instead");
        }
        ByteBuffer direct = ByteBuffer.allocateDirect((int) a.byteSize()).order(ByteOrder.nativeOrder());
        direct.put(a.data()).flip();
        return manager.create(direct, new Shape(a.shape()), djlType(a.dtype()));
    }

    static NdArray fromDjl(NDArray o) {
        DType d = dtype(o.getDataType());
        if (d == null) {
            // DJL 0.33 maps libtorch's int16 (and other types it lacks) to UNKNOWN.
            throw new RunnerException("libtorch returned a tensor whose type DJL reports as " + o.getDataType()
                    + " (DJL's PyTorch engine has no int16); run this model with the Python runner instead");
        }
        NDArray host = o.getDevice().isGpu() ? o.toDevice(ai.djl.Device.cpu(), false) : o;
        ByteBuffer b = host.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        return NdArray.of(d, o.getShape().getShape(), b);
    }

    static DataType djlType(DType t) {
        switch (t) {
            case F32: return DataType.FLOAT32;
            case F64: return DataType.FLOAT64;
            case F16: return DataType.FLOAT16;
            case BF16: return DataType.BFLOAT16;
            case I8: return DataType.INT8;
            case I16: return DataType.INT16;
            case I32: return DataType.INT32;
            case I64: return DataType.INT64;
            case U8: return DataType.UINT8;
            default: return DataType.BOOLEAN;
        }
    }

    static DType dtype(DataType t) {
        switch (t) {
            case FLOAT32: return DType.F32;
            case FLOAT64: return DType.F64;
            case FLOAT16: return DType.F16;
            case BFLOAT16: return DType.BF16;
            case INT8: return DType.I8;
            case INT16: return DType.I16;
            case INT32: return DType.I32;
            case INT64: return DType.I64;
            case UINT8: return DType.U8;
            case BOOLEAN: return DType.BOOL;
            default: return null;
        }
    }
}
