"""Builds the PyTorch test models for the runner tests: python3 make_torch_models.py OUT_DIR

OUT_DIR/module/       model.py + model.safetensors (written by hand: no safetensors package on Debian)
OUT_DIR/module_pt/    the same model.py + model.pt (torch.save of the state_dict)
OUT_DIR/unscriptable/ a model.py that runs eagerly but that torch.jit.script refuses
OUT_DIR/broken/       a model.py that raises on import
OUT_DIR/ts/<name>.pt  TorchScript archives returning a tensor, a tuple, a dict, and every dtype
OUT_DIR/inputs/*.npy  inputs; OUT_DIR/expected/<model>/<i>.npy the outputs PyTorch computed for them
"""
import importlib.util
import json
import os
import struct
import sys
from typing import Dict, Tuple

import numpy as np
import torch
from torch import nn

OUT = sys.argv[1]

MODEL_PY = '''
from typing import Dict

import torch
from torch import nn


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)
        self.register_buffer("offset", torch.zeros(3))

    def forward(self, x: torch.Tensor, scale: torch.Tensor) -> Dict[str, torch.Tensor]:
        logits = self.fc(x) * scale + self.offset
        # "probs" first on purpose: the order must survive, not be sorted.
        return {"probs": torch.softmax(logits, dim=-1), "logits": logits}
'''

UNSCRIPTABLE_PY = '''
import torch
from torch import nn


class Loose(nn.Module):
    def forward(self, *xs):
        return sum(xs)
'''

BROKEN_PY = '''
raise RuntimeError("boom from model.py")
'''


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def save_safetensors(path, tensors):
    codes = {np.dtype("float32"): "F32", np.dtype("float64"): "F64", np.dtype("int64"): "I64"}
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        a = np.ascontiguousarray(t.detach().numpy())
        header[name] = {"dtype": codes[a.dtype], "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        blobs.append(a.tobytes())
        offset += a.nbytes
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def save_outputs(name, result):
    d = os.path.join(OUT, "expected", name)
    os.makedirs(d, exist_ok=True)
    if isinstance(result, torch.Tensor):
        result = [result]
    elif isinstance(result, dict):
        result = list(result.values())
    for i, t in enumerate(result):
        np.save(os.path.join(d, "%d.npy" % i), t.detach().contiguous().numpy())


class Transposed(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.arange(6, dtype=torch.float32).reshape(2, 3))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (x @ self.w).t()  # a non-contiguous result


class Pair(nn.Module):
    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        return x * 2, torch.argmax(x, dim=1)


class Keyed(nn.Module):
    def forward(self, x: torch.Tensor) -> Dict[str, torch.Tensor]:
        return {"zeta": x + 1, "alpha": x * 3, "mid": x.sum(dim=1), "beta": x - 1, "omega": x * x, "k": -x}


class AllTypes(nn.Module):
    """Every dtype DJL handles; int16 has models of its own because DJL lacks it."""

    def forward(self, a: torch.Tensor, b: torch.Tensor, d: torch.Tensor, e: torch.Tensor, f: torch.Tensor,
                g: torch.Tensor, h: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor,
                                                           torch.Tensor, torch.Tensor, torch.Tensor]:
        return a * 2, b + 1, ~d, e * 2, f + 1, g - 1, h * 2


class ShortIn(nn.Module):
    def forward(self, c: torch.Tensor) -> torch.Tensor:
        return c * 2


class ShortOut(nn.Module):
    def forward(self, h: torch.Tensor) -> torch.Tensor:
        return h.to(torch.int16)


def main():
    torch.manual_seed(0)
    write(os.path.join(OUT, "module", "model.py"), MODEL_PY)
    # Imported from its file, not exec'd: torch.jit.script needs the class's source.
    spec = importlib.util.spec_from_file_location("tiny_model", os.path.join(OUT, "module", "model.py"))
    model_module = importlib.util.module_from_spec(spec)
    sys.modules["tiny_model"] = model_module
    spec.loader.exec_module(model_module)
    net = model_module.TinyNet().eval()
    with torch.no_grad():
        net.offset.copy_(torch.tensor([0.5, -0.25, 0.0]))
    save_safetensors(os.path.join(OUT, "module", "model.safetensors"), net.state_dict())
    write(os.path.join(OUT, "module_pt", "model.py"), MODEL_PY)
    torch.save(net.state_dict(), os.path.join(OUT, "module_pt", "model.pt"))
    write(os.path.join(OUT, "unscriptable", "model.py"), UNSCRIPTABLE_PY)
    write(os.path.join(OUT, "broken", "model.py"), BROKEN_PY)

    inputs = {
        "x": torch.randn(2, 4), "scale": torch.tensor(1.5), "m": torch.randn(5, 2),
        "a": torch.randn(2, 2, dtype=torch.float64), "b": torch.tensor([-128, 5, 126], dtype=torch.int8),
        "c": torch.tensor([-300, 7], dtype=torch.int16), "d": torch.tensor([[True, False]]),
        "e": torch.tensor([1.5, -2.0], dtype=torch.float16), "f": torch.tensor([0, 254], dtype=torch.uint8),
        "g": torch.tensor([2 ** 40], dtype=torch.int64), "h": torch.tensor([[-7]], dtype=torch.int32),
    }
    os.makedirs(os.path.join(OUT, "inputs"), exist_ok=True)
    for k, v in inputs.items():
        np.save(os.path.join(OUT, "inputs", k + ".npy"), v.numpy())

    with torch.no_grad():
        save_outputs("module", net(inputs["x"], inputs["scale"]))
        os.makedirs(os.path.join(OUT, "ts"), exist_ok=True)
        for name, module, args in [
            ("tensor", Transposed(), ["m"]),
            ("tuple", Pair(), ["x"]),
            ("dict", Keyed(), ["x"]),
            ("types", AllTypes(), ["a", "b", "d", "e", "f", "g", "h"]),
            ("short_in", ShortIn(), ["c"]),
            ("short_out", ShortOut(), ["h"]),
        ]:
            scripted = torch.jit.script(module.eval())
            scripted.save(os.path.join(OUT, "ts", name + ".pt"))
            save_outputs(name, scripted(*[inputs[a] for a in args]))
        torch.jit.script(net).save(os.path.join(OUT, "ts", "module.pt"))
    print(torch.__version__)


if __name__ == "__main__":
    main()
