// Python's pickle, the part torch.save uses: an unpickler for protocols 0-5 that builds plain JS
// values (Python objects it cannot rebuild are refused by name), and a protocol-2 pickler as
// Python's torch.save writes it. Classes are resolved by the caller's `findClass`, so the
// torch-specific rebuild functions live in index.ts and the format readers.

/** A malformed or unsupported file; torch.load turns it into a TorchError that names the file. */
export class FormatError extends Error {}

/** The data ended inside a pickle: a reader that holds only a prefix of the file may read more. */
export class TruncatedError extends FormatError {}

/** A Python dict while unpickling (keys may be any value); converted to an object or a Map later. */
export class PyDict {
  readonly map = new Map<unknown, unknown>();
  /** What BUILD gave an OrderedDict: its __dict__ (a state dict's {'_metadata': ...}). */
  state?: unknown;
}

/** A collections.Counter while unpickling (a dict subclass): torch.load makes it a Counter. */
export class PyCounter extends PyDict {}

/** What `findClass` returns: a Python callable, applied by REDUCE / NEWOBJ to its argument tuple. */
export interface PyCallable {
  readonly pyName: string;
  call(args: unknown[]): unknown;
}

export function isCallable(v: unknown): v is PyCallable {
  return typeof v === 'object' && v !== null && typeof (v as PyCallable).call === 'function' && typeof (v as PyCallable).pyName === 'string';
}

export interface UnpickleHooks {
  findClass(module: string, name: string): unknown;
  persistentLoad(pid: unknown): unknown;
  /** Called with each opcode before it runs: may refuse it (torch.load's weights_only). */
  opcode?(op: number): void;
}

const textDecoder = new TextDecoder('utf-8', { fatal: false });

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** Reads one pickle starting at `start`; returns its value and the offset just after STOP. */
export function unpickle(data: Uint8Array, start: number, hooks: UnpickleHooks): { value: unknown; end: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = start;
  const stack: unknown[] = [];
  const marks: number[] = [];
  const memo = new Map<number, unknown>();

  const need = (n: number): number => {
    if (n < 0 || pos + n > data.length) throw new TruncatedError(`pickle data is truncated (needs ${n} bytes at offset ${pos}, the data ends at ${data.length})`);
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = (): number => data[need(1)];
  const u16 = (): number => view.getUint16(need(2), true);
  const u32 = (): number => view.getUint32(need(4), true);
  const u64 = (): number => {
    const v = view.getBigUint64(need(8), true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError(`pickle length ${v} is too large`);
    return Number(v);
  };
  const bytes = (n: number): Uint8Array => data.subarray(need(n), pos);
  const line = (): string => {
    const end = data.indexOf(0x0a, pos);
    if (end < 0) throw new TruncatedError('pickle data is truncated (a text opcode lacks its newline)');
    const s = latin1(data.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const pop = (): unknown => {
    if (stack.length === 0 || (marks.length && stack.length <= marks[marks.length - 1])) throw new FormatError('pickle stack underflow');
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) throw new FormatError('pickle stack underflow');
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const m = marks.pop();
    if (m === undefined) throw new FormatError('pickle MARK missing');
    return stack.splice(m);
  };
  const memoGet = (i: number): unknown => {
    if (!memo.has(i)) throw new FormatError(`pickle memo key ${i} is missing`);
    return memo.get(i);
  };
  const long = (b: Uint8Array): number | bigint => {
    if (b.length === 0) return 0;
    let v = 0n;
    for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
    if (b[b.length - 1] & 0x80) v -= 1n << BigInt(8 * b.length);
    return pyInt(v);
  };
  const setItems = (target: unknown, items: unknown[]): void => {
    if (!(target instanceof PyDict)) throw new FormatError('pickle SETITEM(S) on a value that is not a dict');
    if (items.length % 2) throw new FormatError('pickle SETITEMS has an odd number of items');
    for (let i = 0; i < items.length; i += 2) target.map.set(items[i], items[i + 1]);
  };
  const append = (target: unknown, items: unknown[]): void => {
    if (Array.isArray(target)) target.push(...items);
    else if (target instanceof Set) items.forEach((x) => target.add(x));
    else throw new FormatError('pickle APPEND(S) on a value that is not a list');
  };
  const apply = (fn: unknown, args: unknown): unknown => {
    if (!isCallable(fn)) throw new FormatError('pickle REDUCE on a value that is not callable');
    if (!Array.isArray(args)) throw new FormatError(`pickle REDUCE of ${fn.pyName} without an argument tuple`);
    return fn.call(args);
  };

  for (;;) {
    const op = u8();
    hooks.opcode?.(op);
    switch (op) {
      case 0x80: u8(); break; // PROTO
      case 0x95: need(8); break; // FRAME: frames are only a buffering hint
      case 0x2e: return { value: pop(), end: pos }; // STOP
      case 0x28: marks.push(stack.length); break; // MARK
      case 0x7d: stack.push(new PyDict()); break; // EMPTY_DICT
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push([]); break; // EMPTY_TUPLE
      case 0x8f: stack.push(new Set()); break; // EMPTY_SET
      case 0x74: stack.push(popMark()); break; // TUPLE
      case 0x85: stack.push([pop()]); break; // TUPLE1
      case 0x86: { const b = pop(); stack.push([pop(), b]); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); stack.push([pop(), b, c]); break; } // TUPLE3
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x64: { const d = new PyDict(); setItems(d, popMark()); stack.push(d); break; } // DICT
      case 0x91: stack.push(new Set(popMark())); break; // FROZENSET
      case 0x90: { const items = popMark(); append(top(), items); break; } // ADDITEMS
      case 0x61: { const x = pop(); append(top(), [x]); break; } // APPEND
      case 0x65: { const items = popMark(); append(top(), items); break; } // APPENDS
      case 0x73: { const v = pop(); const k = pop(); setItems(top(), [k, v]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4a: stack.push(view.getInt32(need(4), true)); break; // BININT
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x8a: stack.push(long(bytes(u8()))); break; // LONG1
      case 0x8b: { const n = view.getInt32(need(4), true); if (n < 0) throw new FormatError('pickle LONG4 has a negative length'); stack.push(long(bytes(n))); break; }
      case 0x49: { // INT (text; protocol 0 writes booleans as I01/I00)
        const s = line();
        stack.push(s === '01' ? true : s === '00' ? false : textInt(s));
        break;
      }
      case 0x4c: stack.push(textInt(line().replace(/L$/, ''))); break; // LONG (text)
      case 0x47: stack.push(view.getFloat64(need(8), false)); break; // BINFLOAT (big-endian)
      case 0x46: stack.push(parseFloat(line())); break; // FLOAT (text)
      case 0x58: stack.push(textDecoder.decode(bytes(u32()))); break; // BINUNICODE
      case 0x8c: stack.push(textDecoder.decode(bytes(u8()))); break; // SHORT_BINUNICODE
      case 0x8d: stack.push(textDecoder.decode(bytes(u64()))); break; // BINUNICODE8
      case 0x56: stack.push(line().replace(/\\u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))); break; // UNICODE
      // Python 2 str (BINSTRING, SHORT_BINSTRING, STRING): torch reads them as text; keys are ASCII.
      case 0x54: stack.push(latin1(bytes(u32()))); break;
      case 0x55: stack.push(latin1(bytes(u8()))); break;
      case 0x53: stack.push(line().replace(/^(['"])(.*)\1$/, '$2')); break;
      case 0x42: stack.push(bytes(u32()).slice()); break; // BINBYTES
      case 0x43: stack.push(bytes(u8()).slice()); break; // SHORT_BINBYTES
      case 0x8e: stack.push(bytes(u64()).slice()); break; // BINBYTES8
      case 0x96: stack.push(bytes(u64()).slice()); break; // BYTEARRAY8
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x70: memo.set(Number(line()), top()); break; // PUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: stack.push(memoGet(u8())); break; // BINGET
      case 0x6a: stack.push(memoGet(u32())); break; // LONG_BINGET
      case 0x67: stack.push(memoGet(Number(line()))); break; // GET
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      case 0x63: { const module = line(); stack.push(hooks.findClass(module, line())); break; } // GLOBAL
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') throw new FormatError('pickle STACK_GLOBAL needs two strings');
        stack.push(hooks.findClass(module, name));
        break;
      }
      case 0x52: { const args = pop(); stack.push(apply(pop(), args)); break; } // REDUCE
      case 0x81: { const args = pop(); stack.push(apply(pop(), args)); break; } // NEWOBJ
      case 0x92: { const kwargs = pop(); const args = pop(); void kwargs; stack.push(apply(pop(), args)); break; } // NEWOBJ_EX
      // BUILD sets an object's state: an object a findClass hook made may take it (__setstate__, as
      // numpy arrays and pickled modules do); an OrderedDict keeps its __dict__ (a state dict's _metadata).
      case 0x62: {
        const state = pop();
        const obj = top() as { __setstate__?: (s: unknown) => void } | null;
        if (obj instanceof PyDict) obj.state = state;
        else if (obj !== null && typeof obj === 'object' && typeof obj.__setstate__ === 'function') obj.__setstate__(state);
        break;
      }
      case 0x51: stack.push(hooks.persistentLoad(pop())); break; // BINPERSID
      case 0x50: stack.push(hooks.persistentLoad(line())); break; // PERSID
      default:
        throw new FormatError(`unknown pickle opcode 0x${op.toString(16).padStart(2, '0')} at offset ${pos - 1}`);
    }
  }
}

function pyInt(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function textInt(s: string): number | bigint {
  if (!/^[+-]?\d+$/.test(s)) throw new FormatError(`pickle integer '${s.slice(0, 20)}' is malformed`);
  return pyInt(BigInt(s));
}

/** Writes pickle protocol 2, as Python's torch.save does by default. */
export class Pickler {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  private len = 0;
  private readonly memo = new Map<object, number>();

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  private byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }
  private raw(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  private u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.len, v, true);
    this.len += 4;
  }

  proto(): void { this.byte(0x80); this.byte(2); }
  stop(): Uint8Array { this.byte(0x2e); return this.buf.subarray(0, this.len); }
  mark(): void { this.byte(0x28); }
  tuple(): void { this.byte(0x74); }
  emptyTuple(): void { this.byte(0x29); }
  popMark(): void { this.byte(0x31); }
  reduce(): void { this.byte(0x52); }
  newobj(): void { this.byte(0x81); }
  build(): void { this.byte(0x62); }
  binpersid(): void { this.byte(0x51); }
  none(): void { this.byte(0x4e); }
  bool(b: boolean): void { this.byte(b ? 0x88 : 0x89); }
  emptyDict(): void { this.byte(0x7d); }
  emptyList(): void { this.byte(0x5d); }
  setItems(): void { this.byte(0x75); }
  appends(): void { this.byte(0x65); }

  global(module: string, name: string): void {
    this.byte(0x63);
    this.raw(new TextEncoder().encode(`${module}\n${name}\n`));
  }
  /** A Python int, exact for any bigint: the opcodes Python's pickle picks for its value. */
  int(v: number | bigint): void {
    const n = typeof v === 'bigint' && v >= -(2n ** 31n) && v < 2n ** 31n ? Number(v) : v;
    if (typeof n === 'number' && n >= 0 && n < 256) { this.byte(0x4b); this.byte(n); return; }
    if (typeof n === 'number' && n >= 0 && n < 65536) { this.byte(0x4d); this.byte(n & 0xff); this.byte(n >> 8); return; }
    if (typeof n === 'number' && n >= -(2 ** 31) && n < 2 ** 31) { this.byte(0x4a); this.reserve(4); this.view.setInt32(this.len, n, true); this.len += 4; return; }
    // LONG1 (LONG4 beyond 255 bytes): little-endian two's complement, as short as the sign allows.
    let x = BigInt(n);
    const out: number[] = [];
    for (;;) {
      out.push(Number(x & 0xffn));
      x >>= 8n;
      const sign = out[out.length - 1] & 0x80;
      if ((x === 0n && !sign) || (x === -1n && sign)) break;
    }
    if (out.length < 256) {
      this.byte(0x8a);
      this.byte(out.length);
    } else {
      this.byte(0x8b);
      this.u32(out.length);
    }
    this.raw(Uint8Array.from(out));
  }
  float(v: number): void {
    this.byte(0x47);
    this.reserve(8);
    this.view.setFloat64(this.len, v, false);
    this.len += 8;
  }
  string(s: string): void {
    const b = new TextEncoder().encode(s);
    this.byte(0x58);
    this.u32(b.length);
    this.raw(b);
  }

  isMemoized(obj: object): boolean {
    return this.memo.has(obj);
  }
  /** Emits BINGET when `obj` was written before (keeps identity and cycles). */
  memoized(obj: object): boolean {
    const at = this.memo.get(obj);
    if (at !== undefined) {
      if (at < 256) { this.byte(0x68); this.byte(at); } else { this.byte(0x6a); this.u32(at); }
      return true;
    }
    return false;
  }
  put(obj: object): void {
    const at = this.memo.size;
    this.memo.set(obj, at);
    if (at < 256) { this.byte(0x71); this.byte(at); } else { this.byte(0x72); this.u32(at); }
  }
}
