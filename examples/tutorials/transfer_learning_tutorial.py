# "Transfer Learning for Computer Vision Tutorial" (pytorch/tutorials,
# beginner_source/transfer_learning_tutorial.py, in its PyTorch 1.13 form: the best weights kept with
# copy.deepcopy(model.state_dict())), adapted minimally to run offline and deterministically:
#   - the data directory is an argument (the tutorial's data/hymenoptera_data by default: an ImageFolder
#     root with train/ and val/, one folder per class);
#   - the ImageNet weights come from torchvision's cache ($TORCH_HOME/hub/checkpoints/
#     resnet18-f37072fd.pth) when they are there; without them (nothing is downloaded) both models
#     start from random init, and a message says so;
#   - torch.manual_seed(seed) at the start; num_workers=0; the crop and resize sizes (224 and 256 in
#     the tutorial) and the epochs are arguments; no matplotlib (imshow and visualize_model left out);
#   - what the tutorial prints is also returned, with every mini-batch's loss (lines marked "added").
# Run: /usr/bin/python3 examples/tutorials/transfer_learning_tutorial.py [data_dir]
#   (TypeScript port: transfer_learning_tutorial.ts)
import copy
import os
import sys
import time

import torch
import torch.nn as nn
import torch.optim as optim
from torch.optim import lr_scheduler
import torchvision
from torchvision import datasets, models, transforms


def main(data_dir='data/hymenoptera_data', num_epochs=25, crop_size=224, resize_size=256, seed=0, verbose=True):
    log = print if verbose else (lambda *a: None)
    rec = {}  # added: what the parity test compares
    torch.manual_seed(seed)

    # Data augmentation and normalization for training
    # Just normalization for validation
    data_transforms = {
        'train': transforms.Compose([
            transforms.RandomResizedCrop(crop_size),
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
            transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
        ]),
        'val': transforms.Compose([
            transforms.Resize(resize_size),
            transforms.CenterCrop(crop_size),
            transforms.ToTensor(),
            transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
        ]),
    }

    image_datasets = {x: datasets.ImageFolder(os.path.join(data_dir, x),
                                              data_transforms[x])
                      for x in ['train', 'val']}
    dataloaders = {x: torch.utils.data.DataLoader(image_datasets[x], batch_size=4,
                                                  shuffle=True, num_workers=0)
                   for x in ['train', 'val']}
    dataset_sizes = {x: len(image_datasets[x]) for x in ['train', 'val']}
    class_names = image_datasets['train'].classes
    rec['class_names'], rec['dataset_sizes'] = class_names, dataset_sizes  # added

    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")

    # Get a batch of training data
    inputs, classes = next(iter(dataloaders['train']))

    # Make a grid from batch (imshow left out: its title printed)
    out = torchvision.utils.make_grid(inputs)
    log([class_names[x] for x in classes])
    rec['first_batch_classes'] = classes.tolist()  # added
    rec['first_grid_sum'] = out.double().sum().item()  # added

    def train_model(model, criterion, optimizer, scheduler, num_epochs=25):
        since = time.time()
        run = {'train_losses': [], 'val_losses': [], 'epochs': []}  # added

        best_model_wts = copy.deepcopy(model.state_dict())
        best_acc = 0.0

        for epoch in range(num_epochs):
            log(f'Epoch {epoch}/{num_epochs - 1}')
            log('-' * 10)

            # Each epoch has a training and validation phase
            for phase in ['train', 'val']:
                if phase == 'train':
                    model.train()  # Set model to training mode
                else:
                    model.eval()   # Set model to evaluate mode

                running_loss = 0.0
                running_corrects = 0

                # Iterate over data.
                for inputs, labels in dataloaders[phase]:
                    inputs = inputs.to(device)
                    labels = labels.to(device)

                    # zero the parameter gradients
                    optimizer.zero_grad()

                    # forward
                    # track history if only in train
                    with torch.set_grad_enabled(phase == 'train'):
                        outputs = model(inputs)
                        _, preds = torch.max(outputs, 1)
                        loss = criterion(outputs, labels)

                        # backward + optimize only if in training phase
                        if phase == 'train':
                            loss.backward()
                            optimizer.step()

                    # statistics
                    running_loss += loss.item() * inputs.size(0)
                    running_corrects += torch.sum(preds == labels.data)
                    run[f'{phase}_losses'].append(loss.item())  # added
                if phase == 'train':
                    scheduler.step()

                epoch_loss = running_loss / dataset_sizes[phase]
                epoch_acc = running_corrects.double() / dataset_sizes[phase]

                log(f'{phase} Loss: {epoch_loss:.4f} Acc: {epoch_acc:.4f}')
                run['epochs'].append([phase, epoch_loss, epoch_acc.item()])  # added

                # deep copy the model
                if phase == 'val' and epoch_acc > best_acc:
                    best_acc = epoch_acc
                    best_model_wts = copy.deepcopy(model.state_dict())

            log()

        time_elapsed = time.time() - since
        log(f'Training complete in {time_elapsed // 60:.0f}m {time_elapsed % 60:.0f}s')
        log(f'Best val Acc: {best_acc:4f}')

        # load best model weights
        model.load_state_dict(best_model_wts)
        run['best_acc'] = float(best_acc)  # added
        run['fc_weight_sum'] = model.fc.weight.double().sum().item()  # added: the weights kept
        runs.append(run)  # added
        return model

    runs = []  # added

    # Pretrained weights from torchvision's cache, or random init (added: nothing is downloaded here)
    weights = models.ResNet18_Weights.IMAGENET1K_V1
    cached = os.path.join(torch.hub.get_dir(), 'checkpoints', os.path.basename(weights.url))
    if not os.path.exists(cached):
        log(f'No ImageNet weights at {cached} (nothing is downloaded here): ResNet-18 starts from random init')
        weights = None
    rec['pretrained'] = weights is not None

    # Finetuning the convnet
    model_ft = models.resnet18(weights=weights)
    num_ftrs = model_ft.fc.in_features
    # Here the size of each output sample is set to 2.
    # Alternatively, it can be generalized to nn.Linear(num_ftrs, len(class_names)).
    model_ft.fc = nn.Linear(num_ftrs, 2)

    model_ft = model_ft.to(device)

    criterion = nn.CrossEntropyLoss()

    # Observe that all parameters are being optimized
    optimizer_ft = optim.SGD(model_ft.parameters(), lr=0.001, momentum=0.9)

    # Decay LR by a factor of 0.1 every 7 epochs
    exp_lr_scheduler = lr_scheduler.StepLR(optimizer_ft, step_size=7, gamma=0.1)

    model_ft = train_model(model_ft, criterion, optimizer_ft, exp_lr_scheduler,
                           num_epochs=num_epochs)

    # ConvNet as fixed feature extractor
    model_conv = torchvision.models.resnet18(weights=weights)
    for param in model_conv.parameters():
        param.requires_grad = False

    # Parameters of newly constructed modules have requires_grad=True by default
    num_ftrs = model_conv.fc.in_features
    model_conv.fc = nn.Linear(num_ftrs, 2)

    model_conv = model_conv.to(device)

    criterion = nn.CrossEntropyLoss()

    # Observe that only parameters of final layer are being optimized as
    # opposed to before.
    optimizer_conv = optim.SGD(model_conv.fc.parameters(), lr=0.001, momentum=0.9)

    # Decay LR by a factor of 0.1 every 7 epochs
    exp_lr_scheduler = lr_scheduler.StepLR(optimizer_conv, step_size=7, gamma=0.1)

    model_conv = train_model(model_conv, criterion,
                             optimizer_conv, exp_lr_scheduler, num_epochs=num_epochs)

    rec['finetune'], rec['fixed_feature_extractor'] = runs  # added
    rec['frozen'] = [n for n, p in model_conv.named_parameters() if not p.requires_grad] == [n for n, _ in model_conv.named_parameters() if not n.startswith('fc.')]  # added
    return rec


if __name__ == '__main__':
    main(*sys.argv[1:2])
