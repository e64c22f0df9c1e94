// torch/distributions/chi2.py: Gamma(df / 2, 1 / 2).
import { Tensor, isTensor } from '../tensor';
import * as constraints from './constraints';
import { Shape } from './distribution';
import { Gamma } from './gamma';
import { bind, required, Param, ValidateOptions } from './_args';

function halfDf(args: unknown[]): [Param, boolean | undefined] {
  const call = 'torch.distributions.Chi2';
  const a = bind(call, ['df', 'validateArgs'], args);
  const df = required(call, a, 'df');
  if (!isTensor(df) && typeof df !== 'number') throw new TypeError(`${call}: df must be a number or a Tensor, got ${typeof df}`);
  return [isTensor(df) ? df.mul(0.5) : 0.5 * df, a.validateArgs as boolean | undefined];
}

export class Chi2 extends Gamma {
  constructor(df: Param, opts?: ValidateOptions);
  constructor(opts: { df: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    const [concentration, validateArgs] = halfDf(args);
    super(concentration, 0.5, { validateArgs });
  }
  override get argConstraints(): Record<string, constraints.Constraint> { return { df: constraints.positive }; }
  override expand(batchShape: Shape, instance?: Chi2): Chi2 {
    return super.expand(batchShape, this.checkedInstance(Chi2, instance, batchShape)) as Chi2;
  }
  get df(): Tensor { return this.concentration.mul(2); }
}
