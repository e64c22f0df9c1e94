// torchvision.transforms: `transforms.Compose([...])`, `transforms.functional` (F).
export {
  Compose, Lambda, ToTensor, PILToTensor, ToPILImage, Normalize, Resize, CenterCrop, RandomCrop,
  RandomHorizontalFlip, RandomVerticalFlip, RandomRotation, Grayscale, Transform,
  ConvertImageDtype, Pad, RandomApply, RandomChoice, RandomOrder, RandomResizedCrop, FiveCrop, TenCrop,
  LinearTransformation, ColorJitter, RandomGrayscale, RandomAffine, RandomPerspective, GaussianBlur,
  RandomErasing, ElasticTransform, RandomInvert, RandomPosterize, RandomSolarize, RandomAdjustSharpness, RandomAutocontrast,
  RandomEqualize,
} from './transforms';
export { AutoAugmentPolicy, AutoAugment, RandAugment, TrivialAugmentWide, AugMix } from './autoaugment';
// Python's `random` module, which RandomChoice and RandomOrder draw from: pythonRandom.seed(0) = random.seed(0).
export * as pythonRandom from './_python_random';
export type { TransformFactory } from './transforms';
export { InterpolationMode } from './functional';
export { Image, isImage } from './image';
export type { ImageMode } from './image';
export * as functional from './functional';
