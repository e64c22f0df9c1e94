// torch-node/vision: `import { models, transforms, datasets } from 'torch-node/vision'` (torchvision).
export * as transforms from './transforms';
export * as datasets from './datasets';
export * as models from './models';
export * as io from './io';
export * as utils from './utils';
export * as ops from './ops';
