# "Deep Learning with PyTorch: A 60 Minute Blitz", part 4 "Training a Classifier" (pytorch/tutorials,
# beginner_source/blitz/cifar10_tutorial.py), adapted minimally to run offline and deterministically:
#   - CIFAR10 (a download) is replaced by torchvision's FakeData(size, image_size=(3, 32, 32),
#     num_classes=10, transform=the tutorial's transform); the test set is FakeData with another
#     random_offset, so its images differ from the training ones;
#   - torch.manual_seed(0) at the start; num_workers=0; fewer images and the running loss printed
#     every print_every mini-batches (2000 in the tutorial); no matplotlib (imshow is left out);
#   - the checkpoint goes to a path given as an argument (a temporary file by default);
#   - what the tutorial prints is also returned, with every mini-batch's loss (lines marked "added").
# Run: /usr/bin/python3 examples/tutorials/cifar10_tutorial.py   (TypeScript port: cifar10_tutorial.ts)
import os
import tempfile

import torch
import torchvision
import torchvision.transforms as transforms
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)  # flatten all dimensions except batch
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


def main(epochs=2, train_size=2000, test_size=400, print_every=100, path=None, verbose=True):
    log = print if verbose else (lambda *a: None)
    rec = {}  # added: what the parity test compares
    torch.manual_seed(0)

    transform = transforms.Compose(
        [transforms.ToTensor(),
         transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])

    batch_size = 4

    trainset = torchvision.datasets.FakeData(size=train_size, image_size=(3, 32, 32), num_classes=10,
                                             transform=transform)
    trainloader = torch.utils.data.DataLoader(trainset, batch_size=batch_size,
                                              shuffle=True, num_workers=0)

    testset = torchvision.datasets.FakeData(size=test_size, image_size=(3, 32, 32), num_classes=10,
                                            transform=transform, random_offset=train_size)
    testloader = torch.utils.data.DataLoader(testset, batch_size=batch_size,
                                             shuffle=False, num_workers=0)

    classes = ('plane', 'car', 'bird', 'cat',
               'deer', 'dog', 'frog', 'horse', 'ship', 'truck')

    # get some random training images
    dataiter = iter(trainloader)
    images, labels = next(dataiter)

    # show images (imshow left out); print labels
    log(' '.join(f'{classes[labels[j]]:5s}' for j in range(batch_size)))
    rec["first_batch_labels"] = labels.tolist()
    rec["first_batch_image_sum"] = images.double().sum().item()

    net = Net()

    criterion = nn.CrossEntropyLoss()
    optimizer = optim.SGD(net.parameters(), lr=0.001, momentum=0.9)

    rec["losses"], rec["running_losses"] = [], []
    for epoch in range(epochs):  # loop over the dataset multiple times

        running_loss = 0.0
        for i, data in enumerate(trainloader, 0):
            # get the inputs; data is a list of [inputs, labels]
            inputs, labels = data

            # zero the parameter gradients
            optimizer.zero_grad()

            # forward + backward + optimize
            outputs = net(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()

            # print statistics
            running_loss += loss.item()
            rec["losses"].append(loss.item())  # added
            if i % print_every == print_every - 1:    # print every print_every mini-batches
                log(f'[{epoch + 1}, {i + 1:5d}] loss: {running_loss / print_every:.3f}')
                rec["running_losses"].append(running_loss / print_every)  # added
                running_loss = 0.0

    log('Finished Training')

    PATH = path or os.path.join(tempfile.gettempdir(), f'cifar_net_{os.getpid()}.pth')
    torch.save(net.state_dict(), PATH)

    dataiter = iter(testloader)
    images, labels = next(dataiter)

    # print images
    log('GroundTruth: ', ' '.join(f'{classes[labels[j]]:5s}' for j in range(4)))

    net = Net()
    net.load_state_dict(torch.load(PATH))
    if path is None:
        os.remove(PATH)

    outputs = net(images)

    _, predicted = torch.max(outputs, 1)

    log('Predicted: ', ' '.join(f'{classes[predicted[j]]:5s}'
                                for j in range(4)))
    rec["first_test_outputs"] = outputs.tolist()

    correct = 0
    total = 0
    # since we're not training, we don't need to calculate the gradients for our outputs
    with torch.no_grad():
        for data in testloader:
            images, labels = data
            # calculate outputs by running images through the network
            outputs = net(images)
            # the class with the highest energy is what we choose as prediction
            _, predicted = torch.max(outputs.data, 1)
            total += labels.size(0)
            correct += (predicted == labels).sum().item()

    log(f'Accuracy of the network on the {test_size} test images: {100 * correct // total} %')
    rec["correct"] = correct

    # prepare to count predictions for each class
    correct_pred = {classname: 0 for classname in classes}
    total_pred = {classname: 0 for classname in classes}

    # again no gradients needed
    with torch.no_grad():
        for data in testloader:
            images, labels = data
            outputs = net(images)
            _, predictions = torch.max(outputs, 1)
            # collect the correct predictions for each class
            for label, prediction in zip(labels, predictions):
                if label == prediction:
                    correct_pred[classes[label]] += 1
                total_pred[classes[label]] += 1

    # print accuracy for each class
    for classname, correct_count in correct_pred.items():
        accuracy = 100 * float(correct_count) / total_pred[classname] if total_pred[classname] else 0.0
        log(f'Accuracy for class: {classname:5s} is {accuracy:.1f} %')
    rec["correct_pred"] = correct_pred
    rec["total_pred"] = total_pred
    return rec


if __name__ == "__main__":
    main()
