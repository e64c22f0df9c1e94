#!/usr/bin/env python3
# Development-time only (a user's build never runs Python): records which ATen operators Python
# PyTorch binds, and where, into scripts/codegen/python_bindings.json. The schemas themselves come
# from the linked libtorch at build time (scripts/codegen/generate.js); what a schema does not say is
# whether Python offers the op as torch.X, as a Tensor method, or in torch.nn.functional's native
# module, torch.linalg, torch.fft or torch.special. native_functions.yaml says which variants exist,
# and Python's own modules say which of them it actually binds (some are bound by hand or not at all).
#
#   /usr/bin/python3 scripts/codegen/python_bindings.py
import json
import os
import sys

import torch
import torchgen
from torchgen.gen import parse_native_yaml
from torchgen.model import Variant

here = os.path.dirname(os.path.abspath(__file__))
native = os.path.join(os.path.dirname(torchgen.__file__), 'packaged', 'ATen', 'native')
functions = parse_native_yaml(os.path.join(native, 'native_functions.yaml'), os.path.join(native, 'tags.yaml')).native_functions

MODULES = {'nn': torch._C._nn, 'linalg': torch._C._linalg, 'fft': torch._C._fft, 'special': torch._C._special}
ops = {}
for f in functions:
    name = str(f.func.name.name)  # the dispatcher's name: add, add_, linalg_svd, ...
    entry = ops.setdefault(name, {})
    if f.python_module in MODULES:
        if hasattr(MODULES[f.python_module], name):
            entry['module'] = f.python_module
    elif f.python_module is None:
        if Variant.function in f.variants and hasattr(torch._C._VariableFunctions, name):
            entry['function'] = True
        if Variant.method in f.variants and hasattr(torch._C._TensorBase, name):
            # Python makes a few of them properties (x.mT, x.mH, x.data): a getter, not a method
            entry['method' if callable(getattr(torch._C._TensorBase, name)) else 'property'] = True
ops = {k: v for k, v in sorted(ops.items()) if v}

# Python binds only the Tensor overload of these: a number operand becomes a 0-dim tensor, which
# type promotion treats as the Scalar overload would.
hidden = ['add.Scalar', 'add_.Scalar', 'sub.Scalar', 'sub_.Scalar', 'mul.Scalar', 'mul_.Scalar', 'div.Scalar', 'div_.Scalar']

out = {'generatedFrom': f'native_functions.yaml and the Python modules of torch {torch.__version__}', 'ops': ops, 'hiddenOverloads': hidden}
with open(os.path.join(here, 'python_bindings.json'), 'w') as fh:
    # one operator a line, so that a regeneration's diff reads op by op
    lines = [f'  {json.dumps(k)}: {json.dumps(v)}' for k, v in ops.items()]
    fh.write('{\n"generatedFrom": %s,\n"hiddenOverloads": %s,\n"ops": {\n%s\n}}\n' % (json.dumps(out['generatedFrom']), json.dumps(hidden), ',\n'.join(lines)))
print(f'{len(ops)} operators bound by Python: '
      f'{sum(1 for v in ops.values() if v.get("function"))} torch functions, '
      f'{sum(1 for v in ops.values() if v.get("method"))} Tensor methods, '
      f'{sum(1 for v in ops.values() if v.get("property"))} Tensor properties, '
      + ', '.join(f'{sum(1 for v in ops.values() if v.get("module") == m)} {m}' for m in MODULES), file=sys.stderr)
