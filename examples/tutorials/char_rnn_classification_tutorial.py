# "NLP From Scratch: Classifying Names with a Character-Level RNN" (pytorch/tutorials,
# intermediate_source/char_rnn_classification_tutorial.py, the version with i2h/h2o), adapted
# minimally to run offline and deterministically:
#   - the data is the small bundled name list in data/names/*.txt (6 languages x ~20 common surnames),
#     read in sorted file order (glob's order is the file system's);
#   - torch.manual_seed(0) at the start;
#   - randomChoice draws with torch.randint instead of Python's random.randint (torch-node cannot replay
#     Python's Mersenne Twister), so both versions pick the same training examples;
#   - fewer iterations (n_iters, print_every, plot_every are arguments), no matplotlib: the losses and
#     the confusion matrix are returned.
# Run: /usr/bin/python3 examples/tutorials/char_rnn_classification_tutorial.py
# TypeScript port: char_rnn_classification_tutorial.ts (beside this file).
import glob
import math
import os
import string
import time
import unicodedata
from io import open

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))


def findFiles(path):
    return sorted(glob.glob(path))


all_letters = string.ascii_letters + " .,;'"
n_letters = len(all_letters)


# Turn a Unicode string to plain ASCII, thanks to https://stackoverflow.com/a/518232/2809427
def unicodeToAscii(s):
    return ''.join(
        c for c in unicodedata.normalize('NFD', s)
        if unicodedata.category(c) != 'Mn'
        and c in all_letters
    )


# Build the category_lines dictionary, a list of names per language
category_lines = {}
all_categories = []


# Read a file and split into lines
def readLines(filename):
    lines = open(filename, encoding='utf-8').read().strip().split('\n')
    return [unicodeToAscii(line) for line in lines]


for filename in findFiles(os.path.join(HERE, 'data', 'names', '*.txt')):
    category = os.path.splitext(os.path.basename(filename))[0]
    all_categories.append(category)
    lines = readLines(filename)
    category_lines[category] = lines

n_categories = len(all_categories)


# Find letter index from all_letters, e.g. "a" = 0
def letterToIndex(letter):
    return all_letters.find(letter)


# Just for demonstration, turn a letter into a <1 x n_letters> Tensor
def letterToTensor(letter):
    tensor = torch.zeros(1, n_letters)
    tensor[0][letterToIndex(letter)] = 1
    return tensor


# Turn a line into a <line_length x 1 x n_letters>,
# or an array of one-hot letter vectors
def lineToTensor(line):
    tensor = torch.zeros(len(line), 1, n_letters)
    for li, letter in enumerate(line):
        tensor[li][0][letterToIndex(letter)] = 1
    return tensor


class RNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super(RNN, self).__init__()

        self.hidden_size = hidden_size

        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)
        self.h2o = nn.Linear(hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, input, hidden):
        combined = torch.cat((input, hidden), 1)
        hidden = self.i2h(combined)
        output = self.h2o(hidden)
        output = self.softmax(output)
        return output, hidden

    def initHidden(self):
        return torch.zeros(1, self.hidden_size)


def categoryFromOutput(output):
    top_n, top_i = output.topk(1)
    category_i = top_i[0].item()
    return all_categories[category_i], category_i


def randomChoice(l):
    # The tutorial: l[random.randint(0, len(l) - 1)]
    return l[torch.randint(0, len(l), (1,)).item()]


def randomTrainingExample():
    category = randomChoice(all_categories)
    line = randomChoice(category_lines[category])
    category_tensor = torch.tensor([all_categories.index(category)], dtype=torch.long)
    line_tensor = lineToTensor(line)
    return category, line, category_tensor, line_tensor


def timeSince(since):
    now = time.time()
    s = now - since
    m = math.floor(s / 60)
    s -= m * 60
    return '%dm %ds' % (m, s)


def main(n_iters=2000, print_every=200, plot_every=100, n_confusion=500, verbose=True):
    torch.manual_seed(0)
    log = print if verbose else (lambda *a: None)
    log(all_categories, n_letters)
    log(letterToTensor('J'))
    log(lineToTensor('Jones').size())

    n_hidden = 128
    rnn = RNN(n_letters, n_hidden, n_categories)

    input = letterToTensor('A')
    hidden = torch.zeros(1, n_hidden)
    output, next_hidden = rnn(input, hidden)

    input = lineToTensor('Albert')
    hidden = torch.zeros(1, n_hidden)
    output, next_hidden = rnn(input[0], hidden)
    log(output)
    log(categoryFromOutput(output))

    examples = []
    for i in range(10):
        category, line, category_tensor, line_tensor = randomTrainingExample()
        log('category =', category, '/ line =', line)
        examples.append([category, line])

    criterion = nn.NLLLoss()
    learning_rate = 0.005  # If you set this too high, it might explode. If too low, it might not learn

    def train(category_tensor, line_tensor):
        hidden = rnn.initHidden()

        rnn.zero_grad()

        for i in range(line_tensor.size()[0]):
            output, hidden = rnn(line_tensor[i], hidden)

        loss = criterion(output, category_tensor)
        loss.backward()

        # Add parameters' gradients to their values, multiplied by learning rate
        for p in rnn.parameters():
            p.data.add_(p.grad.data, alpha=-learning_rate)

        return output, loss.item()

    # Keep track of losses for plotting
    current_loss = 0
    all_losses = []
    iter_losses = []  # added: every iteration's loss, for the parity test

    start = time.time()

    for iter in range(1, n_iters + 1):
        category, line, category_tensor, line_tensor = randomTrainingExample()
        output, loss = train(category_tensor, line_tensor)
        current_loss += loss
        iter_losses.append(loss)

        # Print ``iter`` number, loss, name and guess
        if iter % print_every == 0:
            guess, guess_i = categoryFromOutput(output)
            correct = '✓' if guess == category else '✗ (%s)' % category
            log('%d %d%% (%s) %.4f %s / %s %s' % (iter, iter / n_iters * 100, timeSince(start), loss, line, guess, correct))

        # Add current loss avg to list of losses
        if iter % plot_every == 0:
            all_losses.append(current_loss / plot_every)
            current_loss = 0

    # Keep track of correct guesses in a confusion matrix
    confusion = torch.zeros(n_categories, n_categories)

    # Just return an output given a line
    def evaluate(line_tensor):
        hidden = rnn.initHidden()

        for i in range(line_tensor.size()[0]):
            output, hidden = rnn(line_tensor[i], hidden)

        return output

    # Go through a bunch of examples and record which are correctly guessed
    for i in range(n_confusion):
        category, line, category_tensor, line_tensor = randomTrainingExample()
        output = evaluate(line_tensor)
        guess, guess_i = categoryFromOutput(output)
        category_i = all_categories.index(category)
        confusion[category_i][guess_i] += 1

    # Normalize by dividing every row by its sum
    for i in range(n_categories):
        confusion[i] = confusion[i] / confusion[i].sum()
    log(confusion)

    def predict(input_line, n_predictions=3):
        log('\n> %s' % input_line)
        with torch.no_grad():
            output = evaluate(lineToTensor(input_line))

            # Get top N categories
            topv, topi = output.topk(n_predictions, 1, True)
            predictions = []

            for i in range(n_predictions):
                value = topv[0][i].item()
                category_index = topi[0][i].item()
                log('(%.2f) %s' % (value, all_categories[category_index]))
                predictions.append([value, all_categories[category_index]])
        return predictions

    predictions = {name: predict(name) for name in ['Dovesky', 'Jackson', 'Satoshi']}
    return dict(all_categories=all_categories, examples=examples, iter_losses=iter_losses, all_losses=all_losses,
                confusion=confusion.tolist(), predictions=predictions)


if __name__ == '__main__':
    main()
