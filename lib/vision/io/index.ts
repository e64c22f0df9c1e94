// torchvision.io: image files (PNG and JPEG).
export {
  ImageReadMode, readFile, writeFile, decodePng, decodeJpeg, decodeImage, readImage,
  encodePng, writePng, encodeJpeg, writeJpeg,
} from './image';
