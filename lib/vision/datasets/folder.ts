// torchvision.datasets.folder (0.14): DatasetFolder, ImageFolder, find_classes, make_dataset,
// has_file_allowed_extension, is_image_file, IMG_EXTENSIONS and the default (PIL-like) loader.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { argError } from '../../errors';
import * as v from '../../validate';
import { Image } from '../transforms/image';
import { VisionDataset, TransformFn, rootKeyword } from './vision';

export const IMG_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.png', '.ppm', '.bmp', '.pgm', '.tif', '.tiff', '.webp'];

/** has_file_allowed_extension(filename, extensions): the lower-cased name ends with one of them. */
export function hasFileAllowedExtension(filename: string, extensions: string | readonly string[]): boolean {
  const call = 'torchvision.datasets.folder.has_file_allowed_extension';
  v.str(call, 'filename', filename);
  const exts = typeof extensions === 'string' ? [extensions] : Array.isArray(extensions) ? extensions.map((e, i) => v.str(call, `extensions[${i}]`, e)) : null;
  if (exts === null) throw argError(call, 'extensions', 'a string or an array of strings', extensions);
  const f = filename.toLowerCase();
  return exts.some((e) => f.endsWith(e));
}

/** is_image_file(filename). */
export function isImageFile(filename: string): boolean {
  return hasFileAllowedExtension(filename, IMG_EXTENSIONS);
}

function expanduser(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

/** Python's sorted() on str: code point order. */
function pySort(xs: string[]): string[] {
  return xs.sort((a, b) => {
    const ca = Array.from(a), cb = Array.from(b);
    for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
      const d = ca[i].codePointAt(0)! - cb[i].codePointAt(0)!;
      if (d !== 0) return d;
    }
    return ca.length - cb.length;
  });
}

/** find_classes(directory): the sub-directories, sorted, and their indices. */
export function findClasses(directory: string): [string[], Record<string, number>] {
  const call = 'torchvision.datasets.folder.find_classes';
  v.str(call, 'directory', directory);
  const dir = expanduser(directory);
  if (!fs.existsSync(dir)) throw new Error(`${call}: [Errno 2] No such file or directory: '${directory}'`);
  const classes = pySort(fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() || (e.isSymbolicLink() && fs.statSync(path.join(dir, e.name)).isDirectory())).map((e) => e.name));
  if (classes.length === 0) throw new Error(`${call}: Couldn't find any class folder in ${directory}.`);
  const classToIdx: Record<string, number> = {};
  classes.forEach((c, i) => (classToIdx[c] = i));
  return [classes, classToIdx];
}

/** os.walk(top, followlinks=True) as [root, files] pairs. */
function walk(top: string, out: [string, string[]][] = []): [string, string[]][] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(top, { withFileTypes: true });
  } catch {
    return out;
  }
  const dirs: string[] = [], files: string[] = [];
  for (const e of entries) {
    let isDir = e.isDirectory();
    if (e.isSymbolicLink()) {
      try {
        isDir = fs.statSync(path.join(top, e.name)).isDirectory();
      } catch {
        isDir = false;
      }
    }
    (isDir ? dirs : files).push(e.name);
  }
  out.push([top, files]);
  for (const d of dirs) walk(path.join(top, d), out);
  return out;
}

/**
 * make_dataset(directory, class_to_idx=None, extensions=None, is_valid_file=None): [path, class index]
 * pairs, classes in sorted order, files sorted within each directory of the (sorted) walk.
 */
export function makeDataset(directory: string, classToIdx?: Record<string, number> | null, extensions?: string | readonly string[] | null, isValidFile?: ((path: string) => boolean) | null): [string, number][] {
  const call = 'torchvision.datasets.folder.make_dataset';
  v.str(call, 'directory', directory);
  const dir = expanduser(directory);
  if (classToIdx === undefined || classToIdx === null) classToIdx = findClasses(dir)[1];
  else if (!v.isPlainObject(classToIdx) || Object.keys(classToIdx).length === 0) throw new RangeError(`${call}: 'class_to_index' must have at least one entry to collect any samples.`);
  const hasExt = extensions !== undefined && extensions !== null;
  const hasFn = isValidFile !== undefined && isValidFile !== null;
  if (hasExt === hasFn) throw new RangeError(`${call}: Both extensions and is_valid_file cannot be None or not None at the same time`);
  if (hasFn) v.func(call, 'is_valid_file', isValidFile);
  const valid = hasExt ? (p: string) => hasFileAllowedExtension(p, extensions!) : (isValidFile as (p: string) => boolean);
  const instances: [string, number][] = [];
  const available = new Set<string>();
  for (const target of pySort(Object.keys(classToIdx))) {
    const idx = classToIdx[target];
    const targetDir = path.join(dir, target);
    if (!fs.existsSync(targetDir) || !fs.statSync(targetDir).isDirectory()) continue;
    const walked = walk(targetDir);
    const roots = pySort(walked.map(([r]) => r));
    const byRoot = new Map(walked);
    for (const root of roots) {
      for (const fname of pySort([...byRoot.get(root)!])) {
        const p = path.join(root, fname);
        if (valid(p)) {
          instances.push([p, idx]);
          available.add(target);
        }
      }
    }
  }
  const empty = pySort(Object.keys(classToIdx).filter((c) => !available.has(c)));
  if (empty.length > 0) {
    let msg = `Found no valid file for the classes ${empty.join(', ')}. `;
    if (hasExt) msg += `Supported extensions are: ${typeof extensions === 'string' ? extensions : extensions!.join(', ')}`;
    throw new Error(`${call}: ${msg}`);
  }
  return instances;
}

/** pil_loader(path): the file as an 'RGB' PIL-like Image (Image.open(f).convert('RGB')). */
export function pilLoader(p: string): Image {
  return Image.open(p, 'RGB');
}

/** default_loader(path): pil_loader (torchvision's default image backend). */
export function defaultLoader(p: string): Image {
  return pilLoader(p);
}

export interface DatasetFolderOptions<S = unknown> {
  loader?: (path: string) => S;
  extensions?: string | readonly string[] | null;
  transform?: TransformFn | null;
  targetTransform?: TransformFn | null;
  isValidFile?: ((path: string) => boolean) | null;
}

/** DatasetFolder(root, loader, extensions=None, transform=None, target_transform=None, is_valid_file=None). */
export class DatasetFolder<S = unknown, O = S> extends VisionDataset<[O, unknown]> {
  readonly loader: (path: string) => S;
  readonly extensions: string | readonly string[] | null;
  readonly classes: string[];
  readonly classToIdx: Record<string, number>;
  readonly samples: [string, number][];
  readonly targets: number[];

  constructor(root: string, loader: ((path: string) => S) | DatasetFolderOptions<S>, opts?: DatasetFolderOptions<S>);
  constructor(opts: DatasetFolderOptions<S> & { root: string; loader: (path: string) => S });
  constructor(root: string | (DatasetFolderOptions<S> & { root: string }), ...args: unknown[]) {
    const call = `datasets.${new.target.name}`;
    [root, args] = rootKeyword(root, args) as [string, unknown[]];
    const o = v.bindArgs(call, ['loader', 'extensions', 'transform', 'targetTransform', 'isValidFile'], args);
    v.str(call, 'root', root);
    super(call, expanduser(root), o.transform, o.targetTransform);
    if (typeof o.loader !== 'function') throw argError(call, 'loader', 'a function (path) => sample', o.loader);
    const r = this.root as string;
    const [classes, classToIdx] = this.findClasses(r);
    this.samples = this.makeDataset(r, classToIdx, (o.extensions as string | string[] | null | undefined) ?? null, (o.isValidFile as ((p: string) => boolean) | null | undefined) ?? null);
    this.loader = o.loader as (path: string) => S;
    this.extensions = (o.extensions as string | string[] | undefined) ?? null;
    this.classes = classes;
    this.classToIdx = classToIdx;
    this.targets = this.samples.map((s) => s[1]);
  }

  /** Overridable as in torchvision (a subclass may change how classes are found). */
  findClasses(directory: string): [string[], Record<string, number>] {
    return findClasses(directory);
  }

  makeDataset(directory: string, classToIdx: Record<string, number>, extensions: string | readonly string[] | null, isValidFile: ((p: string) => boolean) | null): [string, number][] {
    if (classToIdx === null || classToIdx === undefined) throw new RangeError('The class_to_idx parameter cannot be None.');
    return makeDataset(directory, classToIdx, extensions, isValidFile);
  }

  getItem(index: number): [O, unknown] {
    const call = `datasets.${this.constructor.name}.__getitem__`;
    let i = v.int(call, 'index', index);
    if (i < 0) i += this.samples.length;
    if (i < 0 || i >= this.samples.length) throw new RangeError(`${call}: list index out of range (index ${index}, length ${this.samples.length})`);
    const [p, t] = this.samples[i];
    let sample: unknown = this.loader(p);
    let target: unknown = t;
    if (this.transform) sample = this.transform(sample);
    if (this.targetTransform) target = this.targetTransform(target);
    return [sample as O, target];
  }

  get length(): number {
    return this.samples.length;
  }
}

export interface ImageFolderOptions {
  transform?: TransformFn | null;
  targetTransform?: TransformFn | null;
  loader?: (path: string) => unknown;
  isValidFile?: ((path: string) => boolean) | null;
}

/** ImageFolder(root, transform=None, target_transform=None, loader=default_loader, is_valid_file=None). */
export class ImageFolder<O = Image> extends DatasetFolder<unknown, O> {
  readonly imgs: [string, number][];
  constructor(root: string | (ImageFolderOptions & { root: string }), opts: ImageFolderOptions = {}) {
    const call = 'datasets.ImageFolder';
    [root, [opts]] = rootKeyword(root, [opts === undefined || Object.keys(opts).length ? opts : undefined]) as [string, [ImageFolderOptions]];
    const o = v.options(call, opts);
    v.knownOptions(call, o, ['transform', 'targetTransform', 'loader', 'isValidFile']);
    const isValid = (o.isValidFile as ((p: string) => boolean) | null | undefined) ?? null;
    super(root, {
      loader: (o.loader as ((p: string) => unknown) | undefined) ?? defaultLoader,
      extensions: isValid === null ? IMG_EXTENSIONS : null,
      transform: o.transform as TransformFn | null | undefined,
      targetTransform: o.targetTransform as TransformFn | null | undefined,
      isValidFile: isValid,
    });
    this.imgs = this.samples;
  }
}
