// torch-node/vision: `import { models, transforms, datasets } from 'torch-node/vision'` (torchvision).
export * as transforms from './transforms';
export * as datasets from './datasets';
export * as models from './models';
export * as io from './io';
export * as utils from './utils';
export * as ops from './ops';

// torch.load rebuilds pickled torchvision models (and torch.save writes them) by these Python module names.
import { registerPythonModule } from '../serialization/modules';
import * as alexnet from './models/alexnet';
import * as convnext from './models/convnext';
import * as densenet from './models/densenet';
import * as efficientnet from './models/efficientnet';
import * as googlenet from './models/googlenet';
import * as inception from './models/inception';
import * as mnasnet from './models/mnasnet';
import * as mobilenetv2 from './models/mobilenetv2';
import * as mobilenetv3 from './models/mobilenetv3';
import * as regnet from './models/regnet';
import * as resnet from './models/resnet';
import * as shufflenetv2 from './models/shufflenetv2';
import * as squeezenet from './models/squeezenet';
import * as swin_transformer from './models/swin_transformer';
import * as vgg from './models/vgg';
import * as vision_transformer from './models/vision_transformer';
import * as _utils from './models/_utils';
import * as misc from './ops/misc';
import * as stochastic_depth from './ops/stochastic_depth';

for (const [file, ns] of Object.entries({
  alexnet, convnext, densenet, efficientnet, googlenet, inception, mnasnet, mobilenetv2, mobilenetv3, regnet, resnet,
  shufflenetv2, squeezenet, swin_transformer, vgg, vision_transformer, _utils,
})) {
  registerPythonModule(`torchvision.models.${file}`, ns);
}
registerPythonModule('torchvision.ops.misc', misc);
registerPythonModule('torchvision.ops.stochastic_depth', stochastic_depth);
