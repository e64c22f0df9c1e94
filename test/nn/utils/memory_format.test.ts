// nn.utils.convertConv2dWeightMemoryFormat (torch/nn/utils/memory_format.py) against Python 1.13, run at test time.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as torch from '../../../lib';
import { hasPythonTorch } from '../../helpers/fixtures';

const { nn } = torch;

// the weight strides of each submodule after the conversion, per memory format
const PYTHON = `
import json, torch, torch.nn as nn
out = {}
for name, fmt in [('channels_last', torch.channels_last), ('contiguous_format', torch.contiguous_format)]:
    torch.manual_seed(0)
    m = nn.Sequential(nn.Conv2d(2, 3, 3), nn.Sequential(nn.ConvTranspose2d(3, 4, 2)), nn.Conv1d(2, 2, 2), nn.Linear(2, 3))
    w0 = [p.detach().clone() for p in m.parameters()]
    r = nn.utils.convert_conv2d_weight_memory_format(m, torch.channels_last)
    r = nn.utils.convert_conv2d_weight_memory_format(m, fmt)
    out[name] = {'same': r is m, 'strides': [list(p.stride()) for p in m.parameters()],
                 'values': all(torch.equal(a, b) for a, b in zip(w0, m.parameters())),
                 'params': all(isinstance(p, nn.Parameter) for p in m.parameters())}
print(json.dumps(out))
`;

describe('nn.utils.convertConv2dWeightMemoryFormat', () => {
  it.skipIf(!hasPythonTorch())('converts Conv2d / ConvTranspose2d weights (nested too) as Python, keeping values and Parameters', () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const want = JSON.parse(r.stdout);
    for (const [name, fmt] of [['channels_last', torch.channels_last], ['contiguous_format', torch.contiguous_format]] as const) {
      torch.manualSeed(0);
      const m = new nn.Sequential(new nn.Conv2d(2, 3, 3), new nn.Sequential(new nn.ConvTranspose2d(3, 4, 2)), new nn.Conv1d(2, 2, 2), new nn.Linear(2, 3));
      const w0 = [...m.parameters()].map((p) => p.detach().clone());
      nn.utils.convertConv2dWeightMemoryFormat(m, torch.channels_last);
      const res = nn.utils.convertConv2dWeightMemoryFormat(m, fmt);
      const ps = [...m.parameters()];
      expect({
        same: res === m,
        strides: ps.map((p) => p.stride()),
        values: ps.every((p, i) => torch.equal(p, w0[i])),
        params: ps.every((p) => p instanceof nn.Parameter),
      }, name).toEqual(want[name]);
    }
  });

  it('checks its arguments', () => {
    expect(() => nn.utils.convertConv2dWeightMemoryFormat({} as never, torch.channels_last)).toThrow(/convert_conv2d_weight_memory_format: module must be an nn.Module/);
    expect(() => nn.utils.convertConv2dWeightMemoryFormat(new nn.Conv2d(1, 1, 1), 'channels_last' as never)).toThrow(/memory_format must be a torch.memory_format/);
  });
});
