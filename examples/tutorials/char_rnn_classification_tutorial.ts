// "NLP From Scratch: Classifying Names with a Character-Level RNN" (pytorch/tutorials), line by line
// from char_rnn_classification_tutorial.py beside this file (which says how it is adapted from the
// tutorial: bundled names in data/names, seeded, torch.randint instead of random.randint, fewer
// iterations). Under the same seed both give the same examples and losses.
// Run: node dist/examples/tutorials/char_rnn_classification_tutorial.js
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from 'torch-node';

const { nn } = torch;
type Tensor = torch.Tensor;

// The data folder sits beside the .ts source; the compiled file runs from dist/examples/tutorials.
const DATA = [path.join(__dirname, 'data', 'names'), path.join(__dirname, '..', '..', '..', 'examples', 'tutorials', 'data', 'names')].find((d) => fs.existsSync(d))!;

// findFiles(path): sorted(glob.glob(path))
function findFiles(dir: string, ext: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => path.join(dir, f));
}

const allLetters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ' + " .,;'"; // string.ascii_letters + " .,;'"
const nLetters = allLetters.length;

// Turn a Unicode string to plain ASCII, thanks to https://stackoverflow.com/a/518232/2809427
export function unicodeToAscii(s: string): string {
  return [...s.normalize('NFD')].filter((c) => !/\p{Mn}/u.test(c) && allLetters.includes(c)).join('');
}

// Build the categoryLines dictionary, a list of names per language
const categoryLines: Record<string, string[]> = {};
const allCategories: string[] = [];

// Read a file and split into lines
function readLines(filename: string): string[] {
  const lines = fs.readFileSync(filename, 'utf8').trim().split('\n');
  return lines.map((line) => unicodeToAscii(line));
}

for (const filename of findFiles(DATA, '.txt')) {
  const category = path.basename(filename, path.extname(filename));
  allCategories.push(category);
  categoryLines[category] = readLines(filename);
}
const nCategories = allCategories.length;

// Find letter index from allLetters, e.g. "a" = 0
function letterToIndex(letter: string): number {
  return allLetters.indexOf(letter);
}

// Just for demonstration, turn a letter into a <1 x nLetters> Tensor
function letterToTensor(letter: string): Tensor {
  const tensor = torch.zeros(1, nLetters);
  tensor.indexPut_([0, letterToIndex(letter)], 1); // tensor[0][letterToIndex(letter)] = 1
  return tensor;
}

// Turn a line into a <line_length x 1 x nLetters>, or an array of one-hot letter vectors
export function lineToTensor(line: string): Tensor {
  const tensor = torch.zeros(line.length, 1, nLetters);
  [...line].forEach((letter, li) => tensor.indexPut_([li, 0, letterToIndex(letter)], 1));
  return tensor;
}

export class RNN extends nn.Module {
  hiddenSize: number;
  i2h: torch.nn.Linear;
  h2o: torch.nn.Linear;
  softmax: torch.nn.LogSoftmax;

  constructor(inputSize: number, hiddenSize: number, outputSize: number) {
    super();
    this.hiddenSize = hiddenSize;
    this.i2h = new nn.Linear(inputSize + hiddenSize, hiddenSize);
    this.h2o = new nn.Linear(hiddenSize, outputSize);
    this.softmax = new nn.LogSoftmax({ dim: 1 });
  }

  override forward(input: Tensor, hidden: Tensor): [Tensor, Tensor] {
    const combined = torch.cat([input, hidden], 1);
    hidden = this.i2h.forward(combined);
    let output = this.h2o.forward(hidden);
    output = this.softmax.forward(output);
    return [output, hidden];
  }

  initHidden(): Tensor {
    return torch.zeros(1, this.hiddenSize);
  }
}

function categoryFromOutput(output: Tensor): [string, number] {
  const [, topI] = output.topk(1);
  const categoryI = topI.get(0).item() as number;
  return [allCategories[categoryI], categoryI];
}

function randomChoice<T>(l: T[]): T {
  // The tutorial: l[random.randint(0, len(l) - 1)]
  return l[torch.randint(0, l.length, [1]).item() as number];
}

function randomTrainingExample(): [string, string, Tensor, Tensor] {
  const category = randomChoice(allCategories);
  const line = randomChoice(categoryLines[category]);
  const categoryTensor = torch.tensor([allCategories.indexOf(category)], { dtype: torch.long });
  const lineTensor = lineToTensor(line);
  return [category, line, categoryTensor, lineTensor];
}

function timeSince(since: number): string {
  let s = (Date.now() - since) / 1000;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${m}m ${Math.floor(s)}s`;
}

export interface CharRnnResult {
  allCategories: string[];
  examples: [string, string][];
  iterLosses: number[];
  allLosses: number[];
  confusion: number[][];
  predictions: Record<string, [number, string][]>;
}

export function main({ nIters = 2000, printEvery = 200, plotEvery = 100, nConfusion = 500, verbose = true } = {}): CharRnnResult {
  torch.manualSeed(0);
  const log = verbose ? console.log : () => {};
  log(allCategories, nLetters);
  log(String(letterToTensor('J')));
  log(lineToTensor('Jones').size());

  const nHidden = 128;
  const rnn = new RNN(nLetters, nHidden, nCategories);

  let input = letterToTensor('A');
  let hidden = torch.zeros(1, nHidden);
  let [output] = rnn.forward(input, hidden);

  input = lineToTensor('Albert');
  hidden = torch.zeros(1, nHidden);
  [output] = rnn.forward(input.get(0), hidden);
  log(String(output));
  log(categoryFromOutput(output));

  const examples: [string, string][] = [];
  for (let i = 0; i < 10; i++) {
    const [category, line] = randomTrainingExample();
    log('category =', category, '/ line =', line);
    examples.push([category, line]);
  }

  const criterion = new nn.NLLLoss();
  const learningRate = 0.005; // If you set this too high, it might explode. If too low, it might not learn

  function train(categoryTensor: Tensor, lineTensor: Tensor): [Tensor, number] {
    let hidden = rnn.initHidden();

    rnn.zeroGrad();

    let output!: Tensor;
    for (let i = 0; i < lineTensor.size()[0]; i++) {
      [output, hidden] = rnn.forward(lineTensor.get(i), hidden);
    }

    const loss = criterion.forward(output, categoryTensor);
    loss.backward();

    // Add parameters' gradients to their values, multiplied by learning rate
    for (const p of rnn.parameters()) {
      p.data.add_(p.grad!.data, { alpha: -learningRate });
    }

    return [output, loss.item() as number];
  }

  // Keep track of losses for plotting
  let currentLoss = 0;
  const allLosses: number[] = [];
  const iterLosses: number[] = []; // added: every iteration's loss, for the parity test

  const start = Date.now();

  for (let iter = 1; iter <= nIters; iter++) {
    const [category, line, categoryTensor, lineTensor] = randomTrainingExample();
    const [output, loss] = train(categoryTensor, lineTensor);
    currentLoss += loss;
    iterLosses.push(loss);

    // Print iter number, loss, name and guess
    if (iter % printEvery === 0) {
      const [guess] = categoryFromOutput(output);
      const correct = guess === category ? '✓' : `✗ (${category})`;
      log(`${iter} ${Math.floor((iter / nIters) * 100)}% (${timeSince(start)}) ${loss.toFixed(4)} ${line} / ${guess} ${correct}`);
    }

    // Add current loss avg to list of losses
    if (iter % plotEvery === 0) {
      allLosses.push(currentLoss / plotEvery);
      currentLoss = 0;
    }
  }

  // Keep track of correct guesses in a confusion matrix
  const confusion = torch.zeros(nCategories, nCategories);

  // Just return an output given a line
  function evaluate(lineTensor: Tensor): Tensor {
    let hidden = rnn.initHidden();
    let output!: Tensor;
    for (let i = 0; i < lineTensor.size()[0]; i++) {
      [output, hidden] = rnn.forward(lineTensor.get(i), hidden);
    }
    return output;
  }

  // Go through a bunch of examples and record which are correctly guessed
  for (let i = 0; i < nConfusion; i++) {
    const [category, , , lineTensor] = randomTrainingExample();
    const output = evaluate(lineTensor);
    const [, guessI] = categoryFromOutput(output);
    const categoryI = allCategories.indexOf(category);
    // confusion[category_i][guess_i] += 1
    confusion.indexPut_([categoryI, guessI], confusion.index(categoryI, guessI).add(1));
  }

  // Normalize by dividing every row by its sum
  for (let i = 0; i < nCategories; i++) {
    confusion.indexPut_([i], confusion.get(i).div(confusion.get(i).sum())); // confusion[i] = confusion[i] / confusion[i].sum()
  }
  log(String(confusion));

  function predict(inputLine: string, nPredictions = 3): [number, string][] {
    log(`\n> ${inputLine}`);
    return torch.noGrad(() => {
      const output = evaluate(lineToTensor(inputLine));

      // Get top N categories
      const [topv, topi] = output.topk(nPredictions, 1, true);
      const predictions: [number, string][] = [];

      for (let i = 0; i < nPredictions; i++) {
        const value = topv.index(0, i).item() as number;
        const categoryIndex = topi.index(0, i).item() as number;
        log(`(${value.toFixed(2)}) ${allCategories[categoryIndex]}`);
        predictions.push([value, allCategories[categoryIndex]]);
      }
      return predictions;
    });
  }

  const predictions = Object.fromEntries(['Dovesky', 'Jackson', 'Satoshi'].map((name) => [name, predict(name)]));
  return { allCategories, examples, iterLosses, allLosses, confusion: confusion.tolist() as number[][], predictions };
}

if (require.main === module) main();
