// torchvision.transforms: `transforms.Compose([...])`, `transforms.functional` (F).
export {
  Compose, Lambda, ToTensor, PILToTensor, ToPILImage, Normalize, Resize, CenterCrop, RandomCrop,
  RandomHorizontalFlip, RandomVerticalFlip, RandomRotation, Grayscale, Transform,
} from './transforms';
export type { TransformFactory } from './transforms';
export { InterpolationMode } from './functional';
export { Image, isImage } from './image';
export type { ImageMode } from './image';
export * as functional from './functional';
