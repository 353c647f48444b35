"""One PyTorch call for tf2torch validation, driven by org.tf2torch.validation.runtime.PythonRunner.

Usage: python3 torch_driver.py request.json

The request names a mode ("module", "torchscript" or "script-check"), the model, the input .npy files and an
output folder. With "probes" (a list of forward() local names) the named locals are written instead of the
outputs; with "runs" (and "warmup") the calls are timed and times.txt lists milliseconds per call. Outputs go there as 0.npy, 1.npy, ... with names.txt listing "<kind>" and then one hex-encoded
UTF-8 name per output, so the Java side needs no JSON parser. Failures print a traceback and exit non-zero.
The script can be rerun by hand on a kept request to reproduce a failure outside the JVM.
"""
import importlib.util
import inspect
import json
import os
import struct
import sys

import numpy as np
import torch

# safetensors has no Debian package, so the format is read here: 8-byte header length, JSON header, raw data.
SAFETENSORS_DTYPES = {
    "F64": np.float64, "F32": np.float32, "F16": np.float16,
    "I64": np.int64, "I32": np.int32, "I16": np.int16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_,
}
MODULE_NAME = "tf2torch_model"


def read_safetensors(path):
    with open(path, "rb") as f:
        data = bytearray(f.read())  # writable, so torch.from_numpy does not warn
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len].decode("utf-8"))
    base = 8 + header_len
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        np_type = SAFETENSORS_DTYPES.get(info["dtype"])
        if np_type is None:
            raise ValueError("%s: tensor %r has dtype %s, which this driver cannot read" % (path, name, info["dtype"]))
        dtype = np.dtype(np_type).newbyteorder("<")
        start, end = info["data_offsets"]
        count = (end - start) // dtype.itemsize
        array = np.frombuffer(data, dtype=dtype, count=count, offset=base + start).reshape(info["shape"])
        tensors[name] = torch.from_numpy(array)
    return tensors


def load_module_class(model_dir, class_name):
    path = os.path.join(model_dir, "model.py")
    sys.path.insert(0, model_dir)  # lets model.py import helpers that sit beside it
    spec = importlib.util.spec_from_file_location(MODULE_NAME, path)
    module = importlib.util.module_from_spec(spec)
    # torch.jit.script resolves globals through sys.modules[cls.__module__], so the module must be registered.
    sys.modules[MODULE_NAME] = module
    spec.loader.exec_module(module)
    if class_name:
        cls = getattr(module, class_name, None)
        if not (inspect.isclass(cls) and issubclass(cls, torch.nn.Module)):
            raise ValueError("%s defines no nn.Module subclass named %r" % (path, class_name))
        return cls
    found = [c for c in vars(module).values()
             if inspect.isclass(c) and issubclass(c, torch.nn.Module) and c.__module__ == MODULE_NAME]
    if len(found) != 1:
        raise ValueError("%s defines %d nn.Module subclasses (%s); name the one to run"
                         % (path, len(found), ", ".join(c.__name__ for c in found)))
    return found[0]


def build_module(request, load_weights=True):
    model = load_module_class(request["model_dir"], request.get("class_name"))()
    weights = request.get("weights")
    if not load_weights:
        pass
    elif weights:
        if weights.endswith(".safetensors"):
            state = read_safetensors(weights)
        else:
            state = torch.load(weights, map_location="cpu", weights_only=True)
        model.load_state_dict(state, strict=True)
    elif model.state_dict():
        raise ValueError("the module has parameters or buffers but no weights file was given")
    return model.eval()


def flatten(value, name, out):
    """Appends (name, tensor) pairs in order; names follow NamedOutputs on the Java side."""
    if isinstance(value, torch.Tensor):
        out.append((name, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            flatten(item, str(key) if name == "output" else "%s.%s" % (name, key), out)
    elif isinstance(value, tuple) and hasattr(value, "_fields"):
        for key, item in zip(value._fields, value):
            flatten(item, key if name == "output" else "%s.%s" % (name, key), out)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            flatten(item, "%s_%d" % (name, i), out)
    else:
        raise TypeError("output %s is a %s, not a tensor" % (name, type(value).__name__))


def kind_of(value):
    if isinstance(value, torch.Tensor):
        return "tensor"
    return "dict" if isinstance(value, dict) else "sequence"


def write_outputs(result, out_dir):
    pairs = []
    flatten(result, "output", pairs)
    lines = [kind_of(result)]
    for i, (name, tensor) in enumerate(pairs):
        array = tensor.detach().cpu().contiguous().numpy()
        # np.ascontiguousarray would turn a 0-d result into shape (1,); the array is C-contiguous already.
        np.save(os.path.join(out_dir, "%d.npy" % i), array, allow_pickle=False)
        lines.append(name.encode("utf-8").hex())
    with open(os.path.join(out_dir, "names.txt"), "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


def call(model, request):
    inputs = [(spec["name"], torch.from_numpy(np.load(spec["file"], allow_pickle=False)))
              for spec in request["inputs"]]
    with torch.no_grad():
        if request.get("keyword"):
            return model(**dict(inputs))
        return model(*[tensor for _, tensor in inputs])


def call_capturing_locals(model, request, names):
    """Calls the model while tracing its forward frame, and returns {name: tensor} of the wanted locals as they
    were when forward returned. Tracing is limited to that one frame, so the rest of torch runs untraced."""
    code = type(model).forward.__code__
    captured = {}

    def frame_tracer(frame, event, arg):
        if event == "return":
            captured.update({k: v for k, v in frame.f_locals.items() if k in names and isinstance(v, torch.Tensor)})
        return frame_tracer

    def tracer(frame, event, arg):
        return frame_tracer if frame.f_code is code else None

    sys.settrace(tracer)
    try:
        call(model, request)
    finally:
        sys.settrace(None)
    return {k: captured[k] for k in names if k in captured}


def time_calls(model, request):
    """Warm-up calls, then timed calls one by one, in this process: per-call milliseconds without start-up cost."""
    import time
    for _ in range(request.get("warmup", 0)):
        call(model, request)
    times = []
    for _ in range(request["runs"]):
        start = time.perf_counter()
        call(model, request)
        times.append((time.perf_counter() - start) * 1000.0)
    with open(os.path.join(request["out_dir"], "times.txt"), "w", encoding="ascii") as f:
        f.write("\n".join(repr(t) for t in times) + "\n")


def script_check(request):
    model = build_module(request, load_weights=False)  # scripting looks at code, not values
    try:
        torch.jit.script(model)
        message = ""
    except Exception as e:  # any failure to script is the answer, not an error of this driver
        message = "%s: %s" % (type(e).__name__, e)
    with open(os.path.join(request["out_dir"], "script.txt"), "w", encoding="utf-8") as f:
        f.write(message)


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        request = json.load(f)
    if request.get("threads", 0) > 0:
        torch.set_num_threads(request["threads"])
    mode = request["mode"]
    if mode == "script-check":
        script_check(request)
        return
    if mode == "module":
        model = build_module(request)
    elif mode == "torchscript":
        model = torch.jit.load(request["file"], map_location="cpu").eval()
    else:
        raise ValueError("unknown mode %r" % mode)
    if request.get("runs"):
        time_calls(model, request)
    elif request.get("probes") is not None:
        write_outputs(call_capturing_locals(model, request, request["probes"]), request["out_dir"])
    else:
        write_outputs(call(model, request), request["out_dir"])


if __name__ == "__main__":
    main(sys.argv)
