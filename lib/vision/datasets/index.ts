// torchvision.datasets
export { VisionDataset } from './vision';
export { MNIST, FashionMNIST } from './mnist';
export type { MNISTOptions } from './mnist';
export { MNISTDigits } from './mnist_digits';
export type { MNISTDigitsOptions } from './mnist_digits';
export { readSn3PascalvincentTensor, readImageFile, readLabelFile, parseIdx } from './idx';
export { downloadUrl, checkIntegrity, calculateMd5, DownloadError } from './download';
