// torch/utils/hooks.py: the handle a register_*_hook call returns.

let nextId = 0;

/** `RemovableHandle`: `handle.remove()` takes its hook out of the dict it was added to. */
export class RemovableHandle {
  /** The hook's key in its dict (Python's `handle.id`): unique across all handles. */
  readonly id: number;
  private readonly hooksDict: WeakRef<Map<number, unknown>>;

  constructor(hooksDict: Map<number, unknown>) {
    this.id = nextId++;
    this.hooksDict = new WeakRef(hooksDict);
  }

  remove(): void {
    this.hooksDict.deref()?.delete(this.id);
  }
}
