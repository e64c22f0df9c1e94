// torchvision.utils (0.14): make_grid, save_image, draw_bounding_boxes, ported from utils.py.
// draw_bounding_boxes draws with Pillow's ImageDraw rules (Draw.c: inclusive rectangles, outline
// lines inside the box, the fill blended at alpha 100 with Pillow's integer BLEND) and writes labels
// with Pillow's default bitmap font (ImageFont.load_default(), data in _pil_default_font.ts) as
// ImageDraw.text renders a bitmap font (_imaging.c font_getmask, then draw_bitmap).
import * as fs from 'node:fs';
import { Tensor, isTensor } from '../tensor';
import { stack, cat } from '../functions';
import { fromTypedArray } from '../creation';
import { uint8, int64 } from '../dtype';
import { argError } from '../errors';
import * as v from '../validate';
import { encodePng, encodeJpeg } from './io/image';
import { GLYPHS, SHEET } from './_pil_default_font';

export interface MakeGridOptions {
  nrow?: number;
  padding?: number;
  normalize?: boolean;
  valueRange?: [number, number] | null;
  scaleEach?: boolean;
  padValue?: number;
}

/** make_grid(tensor, nrow=8, padding=2, normalize=False, value_range=None, scale_each=False, pad_value=0.0). */
export function makeGrid(tensor: Tensor | Tensor[], opts: MakeGridOptions = {}): Tensor {
  const call = 'torchvision.utils.make_grid';
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['nrow', 'padding', 'normalize', 'valueRange', 'scaleEach', 'padValue']);
  if (!isTensor(tensor)) {
    if (!Array.isArray(tensor)) throw new TypeError(`${call}: tensor or list of tensors expected, got ${tensor === null ? 'null' : typeof tensor}`);
    tensor.forEach((t, i) => {
      if (!isTensor(t)) throw new TypeError(`${call}: tensor or list of tensors expected, got a list containing ${typeof t} at ${i}`);
    });
    if (tensor.length === 0) throw new RangeError(`${call}: the list of tensors is empty`);
  }
  const nrow = o.nrow === undefined ? 8 : v.int(call, 'nrow', o.nrow, 1);
  const padding = o.padding === undefined ? 2 : v.int(call, 'padding', o.padding, 0);
  const normalize = o.normalize === undefined ? false : v.bool(call, 'normalize', o.normalize);
  const scaleEach = o.scaleEach === undefined ? false : v.bool(call, 'scale_each', o.scaleEach);
  const padValue = o.padValue === undefined ? 0.0 : v.number(call, 'pad_value', o.padValue);
  let valueRange: number[] | null = null;
  if (o.valueRange !== undefined && o.valueRange !== null) {
    if (!Array.isArray(o.valueRange) || o.valueRange.length !== 2) throw new TypeError(`${call}: value_range has to be a tuple (min, max) if specified. min and max are numbers`);
    valueRange = v.numbers(call, 'value_range', o.valueRange);
  }
  let t = Array.isArray(tensor) ? stack(tensor, 0) : tensor;
  if (t.dim() === 2) t = t.unsqueeze(0);
  if (t.dim() === 3) {
    if (t.shape[0] === 1) t = cat([t, t, t], 0);
    t = t.unsqueeze(0);
  }
  if (t.dim() !== 4) throw new RangeError(`${call}: expected a [B, C, H, W], [C, H, W] or [H, W] tensor, got shape [${t.shape.join(', ')}]`);
  if (t.shape[1] === 1) t = cat([t, t, t], 1);
  if (normalize) {
    t = t.clone();
    const normIp = (img: Tensor, low: number, high: number) => {
      img.clamp_(low, high);
      img.sub_(low).div_(Math.max(high - low, 1e-5));
    };
    const normRange = (x: Tensor) => {
      if (valueRange !== null) normIp(x, valueRange[0], valueRange[1]);
      else normIp(x, x.min().item() as number, x.max().item() as number);
    };
    if (scaleEach) for (let i = 0; i < t.shape[0]; i++) normRange(t.select(0, i));
    else normRange(t);
  }
  if (t.shape[0] === 1) return t.squeeze(0);
  const nmaps = t.shape[0];
  const xmaps = Math.min(nrow, nmaps);
  const ymaps = Math.ceil(nmaps / xmaps);
  const height = t.shape[2] + padding, width = t.shape[3] + padding;
  const grid = t.newFull([t.shape[1], height * ymaps + padding, width * xmaps + padding], padValue);
  let k = 0;
  for (let y = 0; y < ymaps; y++) {
    for (let x = 0; x < xmaps; x++) {
      if (k >= nmaps) break;
      grid.narrow(1, y * height + padding, height - padding).narrow(2, x * width + padding, width - padding).copy_(t.select(0, k));
      k++;
    }
  }
  return grid;
}

/** save_image(tensor, fp, format=None, **make_grid kwargs): the grid * 255 + 0.5, clamped, as uint8 PNG / JPEG. */
export function saveImage(tensor: Tensor | Tensor[], fp: string, opts: MakeGridOptions & { format?: 'PNG' | 'JPEG' | null } = {}): void {
  const call = 'torchvision.utils.save_image';
  v.str(call, 'fp', fp);
  const { format, ...gridOpts } = v.options(call, opts) as MakeGridOptions & { format?: 'PNG' | 'JPEG' | null };
  const grid = makeGrid(tensor, gridOpts);
  const img = grid.mul(255).add_(0.5).clamp_(0, 255).to(uint8).cpu();
  const ext = fp.toLowerCase().split('.').pop();
  const fmt = format ?? (ext === 'jpg' || ext === 'jpeg' ? 'JPEG' : ext === 'png' ? 'PNG' : null);
  if (fmt !== 'PNG' && fmt !== 'JPEG') throw new RangeError(`${call}: unknown file extension: .${ext} (PNG and JPEG are supported; pass format)`);
  // PIL saves JPEG at quality 75 and PNG losslessly (zlib level 6 here; the pixels are what matter).
  const bytes = fmt === 'PNG' ? encodePng(img) : encodeJpeg(img, 75);
  fs.writeFileSync(fp, bytes.toTypedArray() as Uint8Array);
}

// A subset of PIL.ImageColor's named colours (its CSS3 table), plus '#rgb' / '#rrggbb' / 'rgb(r, g, b)'.
const COLORS: Record<string, [number, number, number]> = {
  black: [0, 0, 0], white: [255, 255, 255], red: [255, 0, 0], lime: [0, 255, 0], green: [0, 128, 0], blue: [0, 0, 255],
  yellow: [255, 255, 0], cyan: [0, 255, 255], aqua: [0, 255, 255], magenta: [255, 0, 255], fuchsia: [255, 0, 255],
  orange: [255, 165, 0], purple: [128, 0, 128], pink: [255, 192, 203], brown: [165, 42, 42], gray: [128, 128, 128],
  grey: [128, 128, 128], silver: [192, 192, 192], maroon: [128, 0, 0], navy: [0, 0, 128], olive: [128, 128, 0],
  teal: [0, 128, 128], gold: [255, 215, 0], violet: [238, 130, 238], indigo: [75, 0, 130], coral: [255, 127, 80],
  salmon: [250, 128, 114], tomato: [255, 99, 71], orchid: [218, 112, 214], khaki: [240, 230, 140], crimson: [220, 20, 60],
};

function getrgb(call: string, c: unknown): [number, number, number] {
  if (Array.isArray(c) && c.length === 3) return v.ints(call, 'colors', c, 0) as [number, number, number];
  if (typeof c !== 'string') throw argError(call, 'colors', 'a colour name, "#rrggbb" or an [r, g, b] triple', c);
  const s = c.toLowerCase().trim();
  let m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (m) return [m[1], m[2], m[3]].map((h) => parseInt(h + h, 16)) as [number, number, number];
  m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(s);
  if (m) return [m[1], m[2], m[3]].map((h) => parseInt(h, 16)) as [number, number, number];
  m = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(s);
  if (m) return [m[1], m[2], m[3]].map(Number) as [number, number, number];
  if (COLORS[s]) return COLORS[s];
  throw new RangeError(`${call}: unknown color specifier: '${c}'`);
}

/** _generate_color_palette(n): (i * [2^25 - 1, 2^15 - 1, 2^21 - 1]) % 255 in int64. */
function colorPalette(n: number): [number, number, number][] {
  const p = [2n ** 25n - 1n, 2n ** 15n - 1n, 2n ** 21n - 1n];
  return Array.from({ length: n }, (_x, i) => p.map((q) => Number((BigInt(i) * q) % 255n)) as [number, number, number]);
}

export interface DrawBoundingBoxesOptions {
  labels?: string[] | null;
  colors?: string | number[] | (string | number[])[] | null;
  fill?: boolean;
  width?: number;
  font?: string | null;
  fontSize?: number | null;
}

/** Pillow's ImagingFont for the default font: glyph sheet bits, baseline and line height (_font_new). */
let defaultFont: { bits: Uint8Array; rowBytes: number; baseline: number; ysize: number } | null = null;
function pilDefaultFont(): NonNullable<typeof defaultFont> {
  if (!defaultFont) {
    let y0 = 0, y1 = 0;
    for (const g of GLYPHS) {
      y0 = Math.min(y0, g[3]);
      y1 = Math.max(y1, g[5]);
    }
    defaultFont = { bits: new Uint8Array(Buffer.from(SHEET.bits, 'base64')), rowBytes: Math.ceil(SHEET.width / 8), baseline: -y0, ysize: y1 - y0 };
  }
  return defaultFont;
}

/**
 * ImageFont.getmask(text) of the default font (_imaging.c _font_getmask): a [ysize, width] 0/1 mask,
 * each glyph's cell of the sheet copied (not OR-ed) at the pen position, clipped to the mask.
 */
function pilTextMask(call: string, text: string): { mask: Uint8Array; width: number; height: number } {
  const f = pilDefaultFont();
  const codes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c > 255) throw new RangeError(`${call}: labels are drawn with Pillow's default bitmap font, which encodes text as Latin-1: ${JSON.stringify(ch)} cannot be encoded`);
    if (c === 0) break; // the C code reads a NUL-terminated string
    codes.push(c);
  }
  const width = codes.reduce((w, c) => w + GLYPHS[c][0], 0);
  const height = f.ysize;
  const mask = new Uint8Array(Math.max(width, 0) * height);
  let x = 0, b = f.baseline;
  for (const c of codes) {
    const [dx, dy, dx0, dy0, dx1, dy1, sx0, sy0] = GLYPHS[c];
    for (let yy = dy0 + b; yy < dy1 + b; yy++) {
      if (yy < 0 || yy >= height) continue;
      const sy = sy0 + yy - (dy0 + b);
      for (let xx = dx0 + x; xx < dx1 + x; xx++) {
        if (xx < 0 || xx >= width) continue;
        const sx = sx0 + xx - (dx0 + x);
        const inSheet = sx >= 0 && sx < SHEET.width && sy >= 0 && sy < SHEET.height;
        mask[yy * width + xx] = inSheet ? (f.bits[sy * f.rowBytes + (sx >> 3)] >> (7 - (sx & 7))) & 1 : 0;
      }
    }
    x += dx;
    b += dy;
  }
  return { mask, width, height };
}

/**
 * draw_bounding_boxes(image, boxes, labels=None, colors=None, fill=False, width=1, font=None,
 * font_size=None): uint8 [3, H, W]. Labels are drawn with Pillow's default bitmap font; a TrueType `font`
 * would need FreeType, which torch-node does not bind: passing one throws.
 */
export function drawBoundingBoxes(image: Tensor, boxes: Tensor, opts: DrawBoundingBoxesOptions = {}): Tensor {
  const call = 'torchvision.utils.draw_bounding_boxes';
  if (!isTensor(image)) throw new TypeError(`${call}: Tensor expected, got ${typeof image}`);
  if (image.dtype !== uint8) throw new TypeError(`${call}: Tensor uint8 expected, got ${image.dtype}`);
  if (image.dim() !== 3) throw new RangeError(`${call}: Pass individual images, not batches`);
  if (image.shape[0] !== 1 && image.shape[0] !== 3) throw new RangeError(`${call}: Only grayscale and RGB images are supported`);
  if (!isTensor(boxes) || boxes.dim() !== 2 || boxes.shape[1] !== 4) throw argError(call, 'boxes', 'a Tensor of shape [N, 4] (xmin, ymin, xmax, ymax)', boxes);
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['labels', 'colors', 'fill', 'width', 'font', 'fontSize']);
  const n = boxes.shape[0];
  const b = boxes.to(int64).tolist() as number[][];
  if (b.some(([x0, y0, x1, y1]) => x0 > x1 || y0 > y1)) throw new RangeError(`${call}: Boxes need to be in (xmin, ymin, xmax, ymax) format. Use torchvision.ops.box_convert to convert them`);
  if (n === 0) return image;
  if (o.labels !== undefined && o.labels !== null) {
    if (!Array.isArray(o.labels) || o.labels.length !== n) throw new RangeError(`${call}: Number of boxes (${n}) and labels (${Array.isArray(o.labels) ? o.labels.length : typeof o.labels}) mismatch. Please specify labels for each box.`);
    o.labels.forEach((l, i) => {
      if (typeof l !== 'string' && l !== null) throw argError(call, `labels[${i}]`, 'a string', l);
    });
  }
  const labels = (o.labels ?? []) as (string | null)[];
  if (o.font !== undefined && o.font !== null) {
    if (typeof o.font !== 'string') throw argError(call, 'font', 'the path of a TrueType font file', o.font);
    throw new RangeError(`${call}: font='${o.font}' needs FreeType (ImageFont.truetype), which torch-node does not bind; leave font unset to draw labels with Pillow's default bitmap font`);
  }
  if (o.fontSize !== undefined && o.fontSize !== null) {
    v.int(call, 'font_size', o.fontSize, 1);
    process.emitWarning("Argument 'font_size' will be ignored since 'font' is not set.");
  }
  let colors: [number, number, number][];
  if (o.colors === undefined || o.colors === null) colors = colorPalette(n);
  else if (Array.isArray(o.colors) && (o.colors.length === 0 || typeof o.colors[0] !== 'number')) {
    if (o.colors.length < n) throw new RangeError(`${call}: Number of colors (${o.colors.length}) is less than number of boxes (${n}). `);
    colors = (o.colors as unknown[]).map((c) => getrgb(call, c));
  } else colors = Array(n).fill(getrgb(call, o.colors));
  const fill = o.fill === undefined ? false : v.bool(call, 'fill', o.fill);
  const width = o.width === undefined ? 1 : v.int(call, 'width', o.width, 0);
  const rgb = image.shape[0] === 1 ? image.repeat(3, 1, 1) : image;
  const [, H, W] = rgb.shape;
  const px = new Uint8Array(rgb.permute(1, 2, 0).contiguous().cpu().toTypedArray() as Uint8Array);
  const div255 = (a: number) => {
    const t = a + 128;
    return ((t >> 8) + t) >> 8;
  };
  const put = (x: number, y: number, c: number[], alpha: number) => {
    if (x < 0 || x >= W || y < 0 || y >= H) return;
    const i = (y * W + x) * 3;
    for (let k = 0; k < 3; k++) px[i + k] = alpha === 255 ? c[k] : div255(px[i + k] * (255 - alpha) + c[k] * alpha);
  };
  const hline = (x0: number, y: number, x1: number, c: number[], alpha: number) => {
    if (y < 0 || y >= H) return;
    if (x0 > x1) [x0, x1] = [x1, x0];
    if (x0 >= W || x1 < 0) return;
    for (let x = Math.max(x0, 0); x <= Math.min(x1, W - 1); x++) put(x, y, c, alpha);
  };
  const vline = (x: number, y0: number, y1: number, c: number[]) => {
    if (y0 > y1) [y0, y1] = [y1, y0];
    for (let y = y0; y <= y1; y++) put(x, y, c, 255);
  };
  // ImageDraw.text: one line per '\n', each ysize + 4 (spacing) below the last; draw_bitmap sets the
  // pixels under the mask to the colour (opaque, with or without the RGBA blend of fill=True).
  const text = (x: number, y: number, label: string, c: number[]) => {
    label.split('\n').forEach((line, k) => {
      const { mask, width: mw, height: mh } = pilTextMask(call, line);
      const top = y + k * (pilDefaultFont().ysize + 4);
      for (let yy = 0; yy < mh; yy++) for (let xx = 0; xx < mw; xx++) if (mask[yy * mw + xx]) put(x + xx, top + yy, c, 255);
    });
  };
  b.forEach(([x0, y0, x1, y1], i) => {
    const c = colors[i];
    if (fill) for (let y = Math.max(y0, 0); y <= Math.min(y1, H); y++) hline(x0, y, x1, c, 100);
    for (let k = 0; k < width; k++) {
      hline(x0, y0 + k, x1, c, 255);
      hline(x0, y1 - k, x1, c, 255);
      vline(x1 - k, y0 + width, y1 - width + 1, c);
      vline(x0 + k, y0 + width, y1 - width + 1, c);
    }
    const label = labels[i];
    if (label !== undefined && label !== null) text(x0 + width + 1, y0 + width + 1, label, c);
  });
  return fromTypedArray(px, [H, W, 3]).permute(2, 0, 1).contiguous();
}
