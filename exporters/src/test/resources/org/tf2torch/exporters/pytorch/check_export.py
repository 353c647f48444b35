"""Checks one exported model three ways against a NumPy reference.

Usage: check_export.py EXPORT_DIR CASE_DIR

CASE_DIR/case.json names the class, the weights file, the inputs (.npy, in forward order), the TF weights
(.npy by TF name), the output keys and tolerances; CASE_DIR/reference.py defines
reference(inputs, weights) -> {output key: ndarray}, computed with NumPy only. The model is run as
(1) model.py + weights via load_state_dict(strict=True), (2) torch.jit.script of that module and
(3) torch.jit.load of the archive. Expected outputs are saved as CASE_DIR/expected_<i>.npy for other runners.
"""
import importlib.util
import json
import os
import struct
import sys

import numpy as np
import torch

ST_DTYPES = {"F64": np.float64, "F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32,
             "I16": np.int16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_}


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for key, v in header.items():
        if key == "__metadata__":
            continue
        a, b = v["data_offsets"]
        arr = np.frombuffer(data[a:b], dtype=ST_DTYPES[v["dtype"]]).reshape(v["shape"]).copy()
        out[key] = torch.from_numpy(arr)
    return out


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def as_dict(out, keys):
    if isinstance(out, dict):
        return out
    assert len(keys) == 1, "single tensor returned for %d outputs" % len(keys)
    return {keys[0]: out}


def main():
    export_dir, case_dir = sys.argv[1], sys.argv[2]
    case = json.load(open(os.path.join(case_dir, "case.json"), encoding="utf-8"))
    keys = case["outputs"]
    inputs = [np.load(os.path.join(case_dir, f)) for f in case["inputs"]]
    weights = {name: np.load(os.path.join(case_dir, f)) for name, f in case["weights"].items()}
    ref = load_module("reference", os.path.join(case_dir, "reference.py"))
    expected = ref.reference(dict(zip(case["inputKeys"], inputs)), weights)
    if isinstance(expected, (list, tuple)):
        # A reference may return outputs by position, so it needs no literals of (hostile) output keys.
        expected = dict(zip(keys, expected))
    assert list(expected) == keys, "reference keys %r != %r" % (list(expected), keys)
    for i, k in enumerate(keys):
        np.save(os.path.join(case_dir, "expected_%d.npy" % i), np.ascontiguousarray(expected[k]))

    mod = load_module("tf2torch_model", os.path.join(export_dir, "model.py"))
    model = getattr(mod, case["className"])()
    wpath = os.path.join(export_dir, case["weightsFile"])
    state = load_safetensors(wpath) if wpath.endswith(".safetensors") else torch.load(wpath, weights_only=True)
    model.load_state_dict(state, strict=True)
    model.eval()
    count = sum(p.numel() for p in model.parameters())
    assert count == case["trainable"], "parameter count %d != %d" % (count, case["trainable"])

    tensors = [torch.from_numpy(a) for a in inputs]
    failures = []
    with torch.no_grad():
        runs = {"eager": model(*tensors)}
        scripted = torch.jit.script(model)
        runs["script"] = scripted(*tensors)
        archive = torch.jit.load(os.path.join(export_dir, "model.torchscript.pt"))
        runs["archive"] = archive(*tensors)
    names_model = sorted(n for n, _ in model.named_parameters())
    names_archive = sorted(n for n, _ in archive.named_parameters())
    if names_model != names_archive:
        failures.append("archive parameters %r != model's %r" % (names_archive, names_model))
    sd_archive = archive.state_dict()
    if sorted(sd_archive) != sorted(state):
        failures.append("archive state_dict keys %r != weights file's %r" % (sorted(sd_archive), sorted(state)))
    for k in state:
        if k in sd_archive and not torch.equal(sd_archive[k], state[k]):
            failures.append("archive tensor %s differs from the weights file" % k)

    for how, out in runs.items():
        got = as_dict(out, keys)
        if list(got) != keys:
            failures.append("%s: output keys %r != %r" % (how, list(got), keys))
            continue
        for k in keys:
            g = got[k].numpy()
            e = expected[k]
            if g.dtype != e.dtype or g.shape != e.shape:
                failures.append("%s %r: got %s%s, expected %s%s" % (how, k, g.dtype, g.shape, e.dtype, e.shape))
            elif not np.allclose(g, e, rtol=case["rtol"], atol=case["atol"], equal_nan=True):
                err = np.max(np.abs(g.astype(np.float64) - e.astype(np.float64))) if g.size else 0
                failures.append("%s %r: max abs error %g\n got %s\n expected %s" % (how, k, err, g, e))
    if failures:
        print("FAILED\n" + "\n".join(failures))
        sys.exit(1)
    print("OK %s: %d outputs x %d runs" % (case["className"], len(keys), len(runs)))


if __name__ == "__main__":
    main()
