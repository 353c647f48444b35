package org.tf2torch.importers.ops;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tf2torch.importers.ImportOptions;
import org.tf2torch.importers.ImportResult;
import org.tf2torch.importers.ModelImporter;
import org.tf2torch.ir.text.IrPrinter;

/** A frozen GraphDef built node by node for translator tests, imported through the real entry point. */
public final class TfGraph {
    private final GraphDef.Builder g = GraphDef.newBuilder();

    public static AttrValue type(DataType t) { return AttrValue.newBuilder().setType(t).build(); }

    public static AttrValue shape(long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        return AttrValue.newBuilder().setShape(s).build();
    }

    public TfGraph placeholder(String name, DataType t, long... dims) {
        g.addNode(NodeDef.newBuilder().setName(name).setOp("Placeholder").putAttr("dtype", type(t))
                .putAttr("shape", shape(dims)));
        return this;
    }

    public TfGraph floats(String name, long[] dims, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return constant(name, DataType.DT_FLOAT, dims, b.array());
    }

    public TfGraph ints(String name, long[] dims, int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : v) b.putInt(i);
        return constant(name, DataType.DT_INT32, dims, b.array());
    }

    public TfGraph constant(String name, DataType t, long[] dims, byte[] content) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        TensorProto tp = TensorProto.newBuilder().setDtype(t).setTensorShape(s)
                .setTensorContent(ByteString.copyFrom(content)).build();
        g.addNode(NodeDef.newBuilder().setName(name).setOp("Const").putAttr("dtype", type(t))
                .putAttr("value", AttrValue.newBuilder().setTensor(tp).build()));
        return this;
    }

    /** A node; attributes as name/value pairs. */
    public TfGraph node(String name, String op, List<String> inputs, Object... attrs) {
        NodeDef.Builder n = NodeDef.newBuilder().setName(name).setOp(op).addAllInput(inputs);
        for (int i = 0; i < attrs.length; i += 2) n.putAttr((String) attrs[i], (AttrValue) attrs[i + 1]);
        g.addNode(n);
        return this;
    }

    public static AttrValue f(float v) { return AttrValue.newBuilder().setF(v).build(); }

    public static AttrValue i(long v) { return AttrValue.newBuilder().setI(v).build(); }

    public static AttrValue b(boolean v) { return AttrValue.newBuilder().setB(v).build(); }

    public static AttrValue s(String v) { return AttrValue.newBuilder().setS(ByteString.copyFromUtf8(v)).build(); }

    public ImportResult load(Path dir, String... outputs) throws IOException {
        Path file = dir.resolve("model.pb");
        Files.write(file, g.build().toByteArray());
        return ModelImporter.load(file, ImportOptions.defaults().withOutputs(List.of(outputs)));
    }

    public static String ir(ImportResult r) { return IrPrinter.print(r.graph()); }
}
