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
  interpolation: 'bilinear';
}

export interface WeightsMeta {
  numParams: number;
  minSize: [number, number];
  categories: string[];
  recipe: string;
  metrics: Record<string, Record<string, number>>;
}

export class Weights {
  readonly name: string;
  readonly url: string;
  /** What torchvision's `weights.transforms()` does: resize, center-crop, scale to [0, 1], normalise. */
  readonly preprocessing: PresetTransforms;
  readonly meta: WeightsMeta;

  constructor(spec: { name: string; url: string; transforms: PresetTransforms; meta: WeightsMeta }) {
    if (!v.isPlainObject(spec)) throw argError('models.Weights', 'spec', 'an object { name, url, transforms, meta }', spec);
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
    return `AlexNet_Weights.${this.name}`;
  }
}

export type WeightsEnum = { readonly [name: string]: Weights };

export function resolveWeights(call: string, weightsEnum: WeightsEnum, pretrained: unknown, weights: unknown): Weights | null {
  if (pretrained !== undefined && weights !== undefined) {
    throw new TypeError(`${call}: pass either pretrained or weights, not both`);
  }
  if (pretrained !== undefined) {
    // torchvision maps the old flag to the first (IMAGENET1K_V1) weights.
    return v.bool(call, 'pretrained', pretrained) ? Object.values(weightsEnum)[0] : null;
  }
  if (weights === undefined || weights === null) return null;
  if (weights instanceof Weights) return weights;
  if (typeof weights === 'string') {
    const name = weights.replace(/^[A-Za-z]+_Weights\./, '');
    const found = weightsEnum[name];
    if (found) return found;
  }
  throw argError(call, 'weights', `one of ${Object.keys(weightsEnum).map((k) => `'${k}'`).join(', ')}`, weights);
}
