package org.tf2torch.importers.graph;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/** Builds small frozen GraphDefs node by node for importer tests. */
final class GraphDefBuilder {
    private final GraphDef.Builder g = GraphDef.newBuilder();

    NodeDef.Builder node(String name, String op, String... inputs) {
        NodeDef.Builder n = g.addNodeBuilder().setName(name).setOp(op);
        for (String i : inputs) n.addInput(i);
        return n;
    }

    GraphDefBuilder scalarF32(String name, float v, String... control) {
        node(name, "Const", control).putAttr("dtype", type(DataType.DT_FLOAT)).putAttr("value", AttrValue.newBuilder()
                .setTensor(TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).addFloatVal(v)).build());
        return this;
    }

    GraphDefBuilder intsConst(String name, int[] shape, int[] values, String... control) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (int d : shape) s.addDimBuilder().setSize(d);
        TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_INT32).setTensorShape(s);
        for (int v : values) t.addIntVal(v);
        node(name, "Const", control).putAttr("dtype", type(DataType.DT_INT32))
                .putAttr("value", AttrValue.newBuilder().setTensor(t).build());
        return this;
    }

    GraphDefBuilder placeholder(String name, DataType dt, int... shape) {
        node(name, "Placeholder").putAttr("dtype", type(dt)).putAttr("shape", shape(shape));
        return this;
    }

    GraphDefBuilder enter(String name, String input, String frame, boolean constant) {
        node(name, "Enter", input).putAttr("frame_name", AttrValue.newBuilder().setS(ByteString.copyFromUtf8(frame)).build())
                .putAttr("is_constant", AttrValue.newBuilder().setB(constant).build());
        return this;
    }

    /** The plumbing of one carried value: Enter, Merge, Switch, Identity (the body's view), NextIteration, Exit. */
    GraphDefBuilder carried(String v, String init, String frame, String loopCond, String next) {
        enter(v + "/Enter", init, frame, false);
        node(v + "/Merge", "Merge", v + "/Enter", v + "/NextIteration");
        node(v + "/Switch", "Switch", v + "/Merge", loopCond);
        node(v + "/Identity", "Identity", v + "/Switch:1");
        node(v + "/NextIteration", "NextIteration", next);
        node(v + "/Exit", "Exit", v + "/Switch");
        return this;
    }

    /** The graph's function library, for functional control flow and calls. */
    org.tensorflow.proto.FunctionDefLibrary.Builder library() { return g.getLibraryBuilder(); }

    static AttrValue type(DataType dt) { return AttrValue.newBuilder().setType(dt).build(); }

    static AttrValue shape(int... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (int d : dims) s.addDimBuilder().setSize(d);
        return AttrValue.newBuilder().setShape(s).build();
    }

    static AttrValue unknownShape() {
        return AttrValue.newBuilder().setShape(TensorShapeProto.newBuilder().setUnknownRank(true)).build();
    }

    Path write(Path dir) throws IOException {
        Path p = dir.resolve("model.pb");
        Files.write(p, g.build().toByteArray());
        return p;
    }
}
