// torchvision.models._api: a weights entry (URL, preprocessing, metadata) and the lookup that turns
// `pretrained: true` / `weights: 'IMAGENET1K_V1'` into one.
import { argError } from '../../errors';
import { loadStateDictFromUrl } from '../../hub';
import { Tensor } from '../../tensor';
import * as v from '../../validate';
import { ImageClassification } from '../transforms/_presets';

export interface PresetTransforms {
  cropSize: number;
  resizeSize: number;
  mean: number[];
  std: number[];
  interpolation: 'nearest' | 'bilinear' | 'bicubic';
}

export interface WeightsMeta {
  numParams: number;
  minSize: [number, number];
  /** The class names, or null where torchvision has None (VGG16_Weights.IMAGENET1K_FEATURES). */
  categories: string[] | null;
  recipe: string;
  metrics: Record<string, Record<string, number>>;
  license?: string;
  docs?: string;
}

/** One entry as scripts/gen_vision_weights.py writes it (_weights.ts): the preset's non-default arguments. */
export interface WeightsSpec {
  url: string;
  transforms: { cropSize: number; resizeSize?: number; mean?: number[]; std?: number[]; interpolation?: string };
  meta: Omit<WeightsMeta, 'categories' | 'minSize'> & { categories: 'imagenet' | null; minSize: number[] };
}

export class Weights {
  readonly name: string;
  readonly url: string;
  /** What torchvision's `weights.transforms()` does: resize, center-crop, scale to [0, 1], normalise. */
  readonly preprocessing: PresetTransforms;
  readonly meta: WeightsMeta;
  /** The enum's class name in torchvision (`ResNet50_Weights`), for the repr. */
  readonly enumName: string;

  constructor(spec: { name: string; url: string; transforms: PresetTransforms; meta: WeightsMeta; enumName?: string }) {
    if (!v.isPlainObject(spec)) throw argError('models.Weights', 'spec', 'an object { name, url, transforms, meta }', spec);
    this.enumName = spec.enumName ?? 'AlexNet_Weights';
    this.name = spec.name;
    this.url = spec.url;
    this.preprocessing = spec.transforms;
    this.meta = spec.meta;
    Object.freeze(this);
  }

  /** The checkpoint, from torchvision's cache ($TORCH_HOME/hub/checkpoints) or downloaded there. */
  getStateDict(opts?: { progress?: boolean }): Map<string, Tensor> {
    return loadStateDictFromUrl(this.url, { progress: opts?.progress ?? true, checkHash: true });
  }

  /** torchvision's `weights.transforms()`: a new ImageClassification preset, callable on an image. */
  transforms(): ReturnType<typeof ImageClassification> {
    const p = this.preprocessing;
    return ImageClassification({ cropSize: p.cropSize, resizeSize: p.resizeSize, mean: p.mean, std: p.std, interpolation: p.interpolation });
  }

  toString(): string {
    return `${this.enumName}.${this.name}`;
  }
}

export type WeightsEnum = { readonly [name: string]: Weights };

export function resolveWeights(call: string, weightsEnum: WeightsEnum, pretrained: unknown, weights: unknown): Weights | null {
  if (pretrained !== undefined && weights !== undefined) {
    throw new TypeError(`${call}: pass either pretrained or weights, not both`);
  }
  if (pretrained !== undefined) {
    // torchvision maps the old flag to the first (IMAGENET1K_V1) weights.
    return v.bool(call, 'pretrained', pretrained) ? weightsEnum.IMAGENET1K_V1 ?? Object.values(weightsEnum)[0] : null;
  }
  if (weights === undefined || weights === null) return null;
  if (weights instanceof Weights) {
    // WeightsEnum.verify: an entry of another model's enum is a TypeError.
    const own = Object.values(weightsEnum)[0];
    if (own && weights.enumName !== own.enumName && weights.url !== weightsEnum[weights.name]?.url) {
      throw new TypeError(`${call}: Invalid Weight class provided; expected ${own.enumName} but received ${weights.enumName}.`);
    }
    return weights;
  }
  if (typeof weights === 'string') {
    const name = weights.replace(/^[A-Za-z]+_Weights\./, '');
    const found = weightsEnum[name];
    if (found) return found;
  }
  throw argError(call, 'weights', `one of ${Object.keys(weightsEnum).map((k) => `'${k}'`).join(', ')}`, weights);
}

// ---- the enums of _weights.ts, and the registry of builders (torchvision.models._api)

/** A torchvision Weights enum built from its generated entries (_weights.ts), with its DEFAULT alias. */
export function weightsEnum(enumName: string, specs: Record<string, WeightsSpec>, defaultName: string, categories: readonly string[]): WeightsEnum {
  const e: Record<string, Weights> = {};
  for (const [name, s] of Object.entries(specs)) {
    const t = s.transforms;
    e[name] = new Weights({
      enumName,
      name,
      url: s.url,
      transforms: {
        cropSize: t.cropSize,
        resizeSize: t.resizeSize ?? 256,
        mean: t.mean ?? [0.485, 0.456, 0.406],
        std: t.std ?? [0.229, 0.224, 0.225],
        interpolation: (t.interpolation ?? 'bilinear') as PresetTransforms['interpolation'],
      },
      meta: { ...s.meta, minSize: s.meta.minSize as [number, number], categories: s.meta.categories === null ? null : [...categories] },
    });
  }
  Object.defineProperty(e, 'DEFAULT', { get: () => e[defaultName], enumerable: false });
  Object.defineProperty(e, 'name', { value: enumName, enumerable: false });
  return Object.freeze(e);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ModelBuilder = (opts?: any) => import('../../nn').Module;
const BUILTIN_MODELS = new Map<string, { fn: ModelBuilder; weights: WeightsEnum }>();
const ENUMS = new Map<string, WeightsEnum>();

/** torchvision's @register_model: the builder under its name, with its Weights enum. */
export function registerModel(name: string, fn: ModelBuilder, weights: WeightsEnum, enumName: string): void {
  if (BUILTIN_MODELS.has(name)) throw new RangeError(`An entry is already registered under the name '${name}'.`);
  BUILTIN_MODELS.set(name, { fn, weights });
  ENUMS.set(enumName, weights);
}

/** `torchvision.models.list_models()`: the registered builders' names, sorted. */
export function listModels(): string[] {
  return [...BUILTIN_MODELS.keys()].sort();
}

/** `torchvision.models.get_model_builder(name)`. */
export function getModelBuilder(name: string): ModelBuilder {
  const key = v.str('models.get_model_builder', 'name', name).toLowerCase();
  const entry = BUILTIN_MODELS.get(key);
  if (!entry) throw new RangeError(`Unknown model ${key}`);
  return entry.fn;
}

/** `torchvision.models.get_model(name, **config)`: `getModel('resnet18', { weights: 'DEFAULT', numClasses })`. */
export function getModel(name: string, config?: Record<string, unknown>): import('../../nn').Module {
  const fn = getModelBuilder(name);
  if (config !== undefined && !v.isPlainObject(config)) throw argError('models.get_model', 'config', 'an options object', config);
  return fn(config);
}

/** `torchvision.models.get_model_weights(name)`: the Weights enum of a builder (by name or the builder itself). */
export function getModelWeights(name: string | ModelBuilder): WeightsEnum {
  if (typeof name === 'function') {
    for (const e of BUILTIN_MODELS.values()) if (e.fn === name) return e.weights;
    throw new RangeError("models.get_model_weights: The WeightsEnum class for the specific method couldn't be retrieved.");
  }
  const key = v.str('models.get_model_weights', 'name', name).toLowerCase();
  const entry = BUILTIN_MODELS.get(key);
  if (!entry) throw new RangeError(`Unknown model ${key}`);
  return entry.weights;
}

/** `torchvision.models.get_weight('ResNet50_Weights.IMAGENET1K_V2')`. */
export function getWeight(name: string): Weights {
  v.str('models.get_weight', 'name', name);
  const parts = name.split('.');
  if (parts.length !== 2) throw new RangeError(`Invalid weight name provided: '${name}'.`);
  const e = ENUMS.get(parts[0]);
  if (!e) throw new RangeError(`The weight enum '${parts[0]}' for the specific method couldn't be retrieved.`);
  const w = e[parts[1]];
  if (!w) throw new RangeError(`models.get_weight: ${parts[0]} has no entry '${parts[1]}'`);
  return w;
}

/** torchvision's _ovewrite_named_param for num_classes, then the state dict after building. */
export function numClassesFor(call: string, weights: Weights | null, numClasses: unknown): number | undefined {
  const n = numClasses === undefined ? undefined : v.int(call, 'num_classes', numClasses, 1);
  if (weights && weights.meta.categories) {
    const k = weights.meta.categories.length;
    if (n !== undefined && n !== k) throw new RangeError(`${call}: num_classes must be ${k} with these weights, got ${n}`);
    return k;
  }
  return n;
}

/** Python's `_ovewrite_named_param(kwargs, name, value)`. */
export function overwriteNamedParam(call: string, o: Record<string, unknown>, name: string, value: unknown): void {
  if (o[name] !== undefined && JSON.stringify(o[name]) !== JSON.stringify(value)) {
    throw new RangeError(`${call}: The parameter '${v.pythonName(name)}' expected value ${JSON.stringify(value)} but got ${JSON.stringify(o[name])} instead.`);
  }
  o[name] = value;
}

/** The `progress` option, and loading the weights' state dict into a built model. */
export function loadWeights(call: string, model: import('../../nn').Module, weights: Weights | null, progress: unknown): void {
  if (!weights) return;
  const p = progress === undefined ? true : v.bool(call, 'progress', progress);
  model.loadStateDict(weights.getStateDict({ progress: p }));
}

/**
 * The body of every torchvision builder (`resnet18(*, weights=None, progress=True, **kwargs)`): checks the
 * options, resolves the weights, applies the builder's fixed kwargs (_ovewrite_named_param) and, with
 * weights, num_classes and the weights' other overrides; builds the model with the remaining kwargs and
 * loads the weights' state dict.
 */
export function buildModel<M extends import('../../nn').Module>(
  call: string,
  weightsEnumObj: WeightsEnum,
  opts: unknown,
  known: readonly string[],
  make: (kwargs: Record<string, unknown>) => M,
  extra: {
    /** The builder's own _ovewrite_named_param calls, with or without weights. */
    fixed?: Record<string, unknown>;
    /** What the builder sets in kwargs when weights are given (besides num_classes). */
    onWeights?: (kwargs: Record<string, unknown>, weights: Weights) => void;
    /** Rewrites the checkpoint before loading (densenet's old key names). */
    fixStateDict?: (sd: Map<string, Tensor>) => Map<string, Tensor>;
  } = {},
): M {
  const { fixed = {}, onWeights, fixStateDict } = extra;
  const o = { ...v.options(call, opts) };
  v.knownOptions(call, o, ['pretrained', 'weights', 'progress', ...known]);
  const weights = resolveWeights(call, weightsEnumObj, o.pretrained, o.weights);
  const progress = o.progress;
  delete o.pretrained;
  delete o.weights;
  delete o.progress;
  for (const [k, val] of Object.entries(fixed)) overwriteNamedParam(call, o, k, val);
  if (weights) {
    if (weights.meta.categories) overwriteNamedParam(call, o, 'numClasses', weights.meta.categories.length);
    onWeights?.(o, weights);
  }
  const model = make(o);
  if (weights) {
    const p = progress === undefined ? true : v.bool(call, 'progress', progress);
    const sd = weights.getStateDict({ progress: p });
    model.loadStateDict(fixStateDict ? fixStateDict(sd) : sd);
  }
  return model;
}
