package org.tf2torch.validation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.validation.compare.BackendResult;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.runtime.DjlTorchScriptRunner;
import org.tf2torch.validation.runtime.NamedOutputs;
import org.tf2torch.validation.runtime.PythonRunner;

/** One way of running the converted model; outputs come back keyed by the signature's output keys. */
abstract class TorchSide implements AutoCloseable {
    final String backend;
    final ConvertedModel model;

    TorchSide(String backend, ConvertedModel model) {
        this.backend = backend;
        this.model = model;
    }

    abstract NamedOutputs call(Map<String, NdArray> inputs);

    /** Per-call milliseconds measured by the side itself; only sides that cannot be timed from outside have it. */
    double[] time(Map<String, NdArray> inputs, int warmup, int runs) {
        throw new UnsupportedOperationException(backend + " is timed from outside");
    }

    Map<String, NdArray> run(Map<String, NdArray> inputs) {
        NamedOutputs out = call(inputs);
        Map<String, NdArray> byKey = new LinkedHashMap<>();
        List<ConvertedModel.Port> ports = model.outputs();
        if (ports.size() == 1) {
            byKey.put(ports.get(0).name(), out.get(0));
            return byKey;
        }
        // Several outputs come back as a dict; DJL reorders dict entries, so match by key.
        for (ConvertedModel.Port p : ports) byKey.put(p.name(), out.names().contains(p.name()) ? out.get(p.name()) : null);
        return byKey;
    }

    List<NdArray> positional(Map<String, NdArray> inputs) {
        List<NdArray> l = new ArrayList<>();
        for (ConvertedModel.Port p : model.inputs()) l.add(inputs.get(p.name()));
        return l;
    }

    /** Inputs keyed by forward()'s argument names, which model.py is called with. */
    Map<String, NdArray> kwargs(Map<String, NdArray> inputs) {
        Map<String, NdArray> kwargs = new LinkedHashMap<>();
        for (ConvertedModel.Port p : model.inputs()) kwargs.put(p.argument(), inputs.get(p.name()));
        return kwargs;
    }

    @Override
    public void close() {}

    static TorchSide djl(ConvertedModel m, boolean gpu) throws IOException {
        DjlTorchScriptRunner r = DjlTorchScriptRunner.open(m.torchScript(), gpu);
        return new TorchSide(BackendResult.TORCHSCRIPT_DJL, m) {
            @Override
            NamedOutputs call(Map<String, NdArray> inputs) {
                NamedOutputs out = r.runNamed(positional(inputs));
                return r.widened() ? Widening.narrow(out, m.outputs()) : out;
            }

            @Override
            public void close() { r.close(); }
        };
    }

    static TorchSide pythonEager(ConvertedModel m, PythonRunner py) {
        return new TorchSide(BackendResult.PYTHON_EAGER, m) {
            @Override
            NamedOutputs call(Map<String, NdArray> inputs) {
                return py.runModule(model.dir(), model.className(), kwargs(inputs));
            }

            @Override
            double[] time(Map<String, NdArray> inputs, int warmup, int runs) {
                return py.timeModule(model.dir(), model.className(), kwargs(inputs), warmup, runs);
            }
        };
    }

    static TorchSide pythonScript(ConvertedModel m, PythonRunner py) {
        return new TorchSide(BackendResult.PYTHON_TORCHSCRIPT, m) {
            @Override
            NamedOutputs call(Map<String, NdArray> inputs) { return py.runTorchScript(model.torchScript(), positional(inputs)); }

            @Override
            double[] time(Map<String, NdArray> inputs, int warmup, int runs) {
                return py.timeTorchScript(model.torchScript(), positional(inputs), warmup, runs);
            }
        };
    }
}
