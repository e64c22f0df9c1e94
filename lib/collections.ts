// Python's collections.Counter, for the values torch.save and torch.load exchange with Python:
// MultiStepLR keeps its milestones in one (epoch → how many times it was listed), and Python's
// scheduler needs it to be a Counter with int keys (it calls milestones.elements(), and an epoch
// looked up under a str key is never found). torch.save writes an instance as collections.Counter,
// and torch.load gives one back for a pickled collections.Counter.

/** A Map from keys to counts, which torch.save writes as a Python Counter rather than a dict. */
export class Counter<K = unknown> extends Map<K, number> {
  /** Python's Counter(iterable): `Counter.of([2, 4, 4])` is Counter({2: 1, 4: 2}). */
  static of<K>(elements: Iterable<K>): Counter<K> {
    const c = new Counter<K>();
    for (const e of elements) c.set(e, (c.get(e) ?? 0) + 1);
    return c;
  }
}
