// torchvision.datasets.VisionDataset: root, transform / targetTransform, and the dataset repr.
import { Dataset } from '../../utils/data/dataset';
import { argError } from '../../errors';
import { isPlainObject } from '../../validate';

export type TransformFn<I = any, O = any> = (x: I) => O; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Python's root= keyword (`dset.ImageFolder(root=dataroot, transform=...)`, as the dcgan example calls
 * it): `new ImageFolder({ root, transform })`, the root taken out of the one options object.
 */
export function rootKeyword(root: unknown, rest: unknown[]): [unknown, unknown[]] {
  if (isPlainObject(root) && 'root' in root && rest.every((x) => x === undefined)) {
    const { root: r, ...opts } = root;
    return [r, [opts]];
  }
  return [root, rest];
}

export abstract class VisionDataset<T = unknown> extends Dataset<T> {
  readonly root: string | null;
  readonly transform: TransformFn | null;
  readonly targetTransform: TransformFn | null;

  constructor(call: string, root: string | null, transform: unknown, targetTransform: unknown) {
    super();
    // JS can construct an abstract class; its arguments are the subclasses' own.
    if (new.target === VisionDataset) throw new TypeError('datasets.VisionDataset: the base class cannot be constructed; construct MNIST, FashionMNIST, MNISTDigits or a subclass');
    if (root !== null && typeof root !== 'string') throw argError(call, 'root', 'a directory path (string)', root);
    for (const [name, t] of [['transform', transform], ['target_transform', targetTransform]] as const) {
      if (t !== undefined && t !== null && typeof t !== 'function') throw argError(call, name, 'a callable (a transform)', t);
    }
    this.root = root;
    this.transform = (transform as TransformFn) ?? null;
    this.targetTransform = (targetTransform as TransformFn) ?? null;
  }

  /** Lines after the root in the repr (torchvision's extra_repr). */
  protected extraRepr(): string {
    return '';
  }

  override toString(): string {
    const body = [`Number of datapoints: ${this.length}`];
    if (this.root !== null) body.push(`Root location: ${this.root}`);
    body.push(...this.extraRepr().split('\n').filter((l) => l !== ''));
    if (this.transform || this.targetTransform) {
      const lines = ['StandardTransform'];
      const fmt = (t: TransformFn, head: string) => String(t).split('\n').map((l, i) => (i === 0 ? head : ' '.repeat(head.length)) + l);
      if (this.transform) lines.push(...fmt(this.transform, 'Transform: '));
      if (this.targetTransform) lines.push(...fmt(this.targetTransform, 'Target transform: '));
      // One entry, as torchvision's repr(self.transforms): only its first line gets the indent.
      body.push(lines.join('\n'));
    }
    return [`Dataset ${this.constructor.name}`, ...body.map((l) => '    ' + l)].join('\n');
  }
}
