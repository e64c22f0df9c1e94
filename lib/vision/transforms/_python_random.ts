// Python's `random` module (CPython 3.11: MT19937, init_by_array seeding, random(), getrandbits,
// _randbelow, shuffle, choices). torchvision's RandomChoice and RandomOrder draw from it, not from
// torch's generator: `pythonRandom.seed(0)` here and `random.seed(0)` in Python give the same picks.
import * as v from '../../validate';

class MersenneTwister {
  private mt = new Uint32Array(624);
  private mti = 625;

  private initGenrand(s: number): void {
    this.mt[0] = s >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      this.mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.mti = 624;
  }

  initByArray(key: number[]): void {
    this.initGenrand(19650218);
    let i = 1, j = 0;
    const n = 624;
    for (let k = Math.max(n, key.length); k > 0; k--) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      this.mt[i] = ((this.mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= n) {
        this.mt[0] = this.mt[n - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = n - 1; k > 0; k--) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      this.mt[i] = ((this.mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= n) {
        this.mt[0] = this.mt[n - 1];
        i = 1;
      }
    }
    this.mt[0] = 0x80000000;
    this.mti = 624;
  }

  uint32(): number {
    const mt = this.mt;
    if (this.mti >= 624) {
      if (this.mti === 625) this.initGenrand(5489);
      for (let kk = 0; kk < 624; kk++) {
        const y = (mt[kk] & 0x80000000) | (mt[(kk + 1) % 624] & 0x7fffffff);
        mt[kk] = mt[(kk + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}

const gen = new MersenneTwister();
let seeded = false;

/** random.seed(n) for a non-negative or negative integer n (Python seeds with abs(n)). */
export function seed(n: number | bigint): void {
  const call = 'random.seed';
  let x = typeof n === 'bigint' ? n : BigInt(v.int(call, 'a', n));
  if (x < 0n) x = -x;
  const key: number[] = [];
  while (x > 0n) {
    key.push(Number(x & 0xffffffffn));
    x >>= 32n;
  }
  gen.initByArray(key.length ? key : [0]);
  seeded = true;
}

function ensureSeeded(): void {
  if (!seeded) seed(BigInt(Date.now()) * 1000003n + BigInt(Math.floor(Math.random() * 2 ** 32)));
}

/** random.random(): 53-bit float in [0, 1). */
export function random(): number {
  ensureSeeded();
  const a = gen.uint32() >>> 5, b = gen.uint32() >>> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

/** random.getrandbits(k) for 0 < k <= 32. */
export function getrandbits(k: number): number {
  k = v.int('random.getrandbits', 'k', k);
  ensureSeeded();
  if (k <= 0 || k > 32) throw new RangeError(`random.getrandbits: only 1..32 bits are supported here, got ${k}`);
  return gen.uint32() >>> (32 - k);
}

function randbelow(n: number): number {
  const k = Math.floor(Math.log2(n)) + 1; // n.bit_length()
  let r = getrandbits(k);
  while (r >= n) r = getrandbits(k);
  return r;
}

/** random.shuffle(x), in place. */
export function shuffle<T>(x: T[]): void {
  if (!Array.isArray(x)) throw new TypeError(`random.shuffle: x must be an array, got ${x === null ? 'null' : typeof x}`);
  for (let i = x.length - 1; i > 0; i--) {
    const j = randbelow(i + 1);
    [x[i], x[j]] = [x[j], x[i]];
  }
}

/** random.choices(population, weights)[0]. */
export function choice<T>(population: readonly T[], weights?: readonly number[] | null): T {
  if (!Array.isArray(population) || population.length === 0) throw new TypeError('random.choices: population must be a non-empty array');
  if (weights !== undefined && weights !== null) v.numbers('random.choices', 'weights', weights);
  const n = population.length;
  if (!weights) return population[Math.floor(random() * n)];
  if (weights.length !== n) throw new RangeError('random.choices: The number of weights does not match the population');
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w));
  const total = cum[n - 1] + 0.0;
  if (total <= 0.0) throw new RangeError('random.choices: Total of weights must be greater than zero');
  const x = random() * total;
  // bisect_right(cum, x, 0, n - 1)
  let lo = 0, hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < cum[mid]) hi = mid;
    else lo = mid + 1;
  }
  return population[lo];
}
