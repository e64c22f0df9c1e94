// torch/utils/hooks.py: the handle a register_*_hook call returns.
import { argError } from '../errors';

let nextId = 0;

/** `RemovableHandle`: `handle.remove()` takes its hook out of the dict it was added to. */
export class RemovableHandle {
  /** The hook's key in its dict (Python's `handle.id`): unique across all handles. */
  readonly id: number;
  private readonly hooksDict: WeakRef<Map<number, unknown>>;

  constructor(hooksDict: Map<number, unknown>) {
    if (!(hooksDict instanceof Map)) throw argError('torch.utils.hooks.RemovableHandle', 'hooks_dict', 'a Map of hooks', hooksDict);
    this.id = nextId++;
    this.hooksDict = new WeakRef(hooksDict);
  }

  remove(): void {
    if (!(this instanceof RemovableHandle)) throw argError('RemovableHandle.remove', 'self', 'a RemovableHandle', this);
    this.hooksDict.deref()?.delete(this.id);
  }
}
