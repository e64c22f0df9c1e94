// torchvision.datasets
export { VisionDataset } from './vision';
export { MNIST, FashionMNIST } from './mnist';
export type { MNISTOptions } from './mnist';
export { MNISTDigits } from './mnist_digits';
export type { MNISTDigitsOptions } from './mnist_digits';
export { readSn3PascalvincentTensor, readImageFile, readLabelFile, parseIdx } from './idx';
export { downloadUrl, checkIntegrity, calculateMd5, DownloadError } from './download';
export { KMNIST, EMNIST, QMNIST } from './mnist';
export type { QMNISTOptions, EMNISTSplit } from './mnist';
export { CIFAR10, CIFAR100 } from './cifar';
export type { CIFAR10Options } from './cifar';
export { FakeData } from './fakedata';
export type { FakeDataOptions } from './fakedata';
export { extractArchive, downloadAndExtractArchive } from './download';
// DataLoader worker threads find torchvision's classes and transforms by name (torch.utils.data).
import * as torchvision from '..';
import { registerGlobalRoot } from '../../utils/data/_utils/reduction';
registerGlobalRoot('torchvision', torchvision);
export { DatasetFolder, ImageFolder, IMG_EXTENSIONS, findClasses, makeDataset, hasFileAllowedExtension, isImageFile, pilLoader, defaultLoader } from './folder';
export type { DatasetFolderOptions, ImageFolderOptions } from './folder';
