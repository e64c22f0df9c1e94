// Pillow 9's per-pixel loops (libImaging) for the PIL-like Image of lib/vision/transforms: 8-bit
// pixels, height x width x channels, channels 1 ('L') or 3 ('RGB'). Ported from
//   Blend.c    ImagingBlend (Image.blend: ColorJitter's brightness, contrast, saturation, sharpness)
//   Convert.c  rgb2l (ITU-R 601-2 integer luma), l2rgb, rgb2hsv_row and hsv2rgb (adjust_hue)
//   Histo.c    ImagingHistogram's counts (adjust_contrast's mean, autocontrast, equalize)
//   Point.c    ImagingPoint with a lookup table (invert, posterize, solarize, autocontrast, equalize,
//              adjust_gamma: the TS layer computes the table)
//   Filter.c   ImagingFilter3x3 (ImageFilter.SMOOTH of adjust_sharpness)
//   Geometry.c ImagingTransformAffine's NEAREST walk, ImagingGenericTransform with affine_transform /
//              perspective_transform and nearest_filter8 / bilinear_filter8 (rotate, affine,
//              perspective, AutoAugment's shears and translations, resize NEAREST)
// and F.pad's copy of the source pixels into the padded image (torchvision's np.pad branch).
// The TS layer (transforms/functional_pil.ts, image.ts) keeps the policy and allocates every output;
// here each call first checks that the arrays fit the sizes it is given, so a wrong call is a JS
// RangeError rather than a read or write outside them. In TS these loops took about twice Pillow's time.
#include <napi.h>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>
#include "args.h"
#include "errors.h"
#include "registry.h"

// Bytes equal to Pillow's need each float and double operation rounded on its own, as Pillow's
// x86-64 builds (no FMA) do: a fused a * b + c rounds once and moves values across the truncation.
// Compilers contract by default wherever the target has FMA (aarch64, -march=native); the addon is
// built with -ffp-contract=off (CMakeLists.txt, binding.gyp).

namespace torchnode {
namespace {

[[noreturn]] void DoNotFit(Napi::Env env, const char* call) {
  ThrowRangeError(env, std::string(call) + ": sizes do not fit the arrays");
}

// Argument i as a typed array of the given kind (As<> alone does not check).
template <typename A>
A Typed(const Napi::CallbackInfo& info, size_t i, napi_typedarray_type type, const char* call, const char* kind) {
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != type)
    ThrowTypeError(info.Env(), std::string(call) + ": argument " + std::to_string(i) + " must be a " + kind);
  return info[i].As<A>();
}

Napi::Uint8Array Bytes(const Napi::CallbackInfo& info, size_t i, const char* call) {
  return Typed<Napi::Uint8Array>(info, i, napi_uint8_array, call, "Uint8Array");
}

// imageBlend(im1, im2, out, alpha): out = im1 + alpha * (im2 - im1), all three of one length.
// Blend.c: alpha is a float; interpolation truncates, extrapolation clips to [0, 255] first
// (NaN gives 0, as the TS port's Uint8Array store did).
Napi::Value Blend(const Napi::CallbackInfo& info) {
  const char* call = "imageBlend";
  auto a = Bytes(info, 0, call), b = Bytes(info, 1, call), out = Bytes(info, 2, call);
  const float alpha = static_cast<float>(Num(info, 3));
  const size_t n = a.ElementLength();
  if (b.ElementLength() != n || out.ElementLength() != n) DoNotFit(info.Env(), call);
  const uint8_t *p = a.Data(), *q = b.Data();
  uint8_t* o = out.Data();
  if (alpha >= 0 && alpha <= 1.0) {
    for (size_t i = 0; i < n; i++) o[i] = static_cast<uint8_t>(static_cast<int>(p[i]) + alpha * (static_cast<int>(q[i]) - static_cast<int>(p[i])));
  } else {
    for (size_t i = 0; i < n; i++) {
      const float t = static_cast<float>(static_cast<int>(p[i]) + alpha * (static_cast<int>(q[i]) - static_cast<int>(p[i])));
      o[i] = t >= 255.0f ? 255 : t > 0.0f ? static_cast<uint8_t>(t) : 0;
    }
  }
  return info.Env().Undefined();
}

// imageConvert(src, out): RGB -> L where out has a third of src's bytes (rgb2l: L24), L -> RGB where
// it has three times as many (l2rgb).
Napi::Value Convert(const Napi::CallbackInfo& info) {
  const char* call = "imageConvert";
  auto src = Bytes(info, 0, call), out = Bytes(info, 1, call);
  const size_t n = src.ElementLength(), m = out.ElementLength();
  const uint8_t* s = src.Data();
  uint8_t* o = out.Data();
  if (n == 3 * m) {
    for (size_t i = 0; i < m; i++) o[i] = static_cast<uint8_t>((s[3 * i] * 19595 + s[3 * i + 1] * 38470 + s[3 * i + 2] * 7471 + 0x8000) >> 16);
  } else if (m == 3 * n) {
    for (size_t i = 0; i < n; i++) o[3 * i] = o[3 * i + 1] = o[3 * i + 2] = s[i];
  } else {
    DoNotFit(info.Env(), call);
  }
  return info.Env().Undefined();
}

inline int Clip8(int x) { return x <= 0 ? 0 : x >= 255 ? 255 : x; }

// Convert.c's rgb2hsv_row, the hue byte shifted by `shift` (torchvision adds to H as uint8), then
// hsv2rgb, with Pillow's mix of float variables and double constants.
inline void HueShiftPixel(const uint8_t* in, uint8_t* out, int shift) {
  const uint8_t r = in[0], g = in[1], b = in[2];
  const uint8_t maxc = std::max(r, std::max(g, b)), minc = std::min(r, std::min(g, b));
  const uint8_t v = maxc;
  if (minc == maxc) {  // s == 0: grey whatever the hue
    out[0] = out[1] = out[2] = v;
    return;
  }
  const float cr = static_cast<float>(maxc - minc);
  const float sf = cr / static_cast<float>(maxc);
  const float rc = static_cast<float>(maxc - r) / cr, gc = static_cast<float>(maxc - g) / cr, bc = static_cast<float>(maxc - b) / cr;
  float hf;
  if (r == maxc) hf = bc - gc;
  else if (g == maxc) hf = 2.0 + rc - bc;
  else hf = 4.0 + gc - rc;
  // fmod(x, 1.0): x lies in (0.8, 1.9), where x - trunc(x) is exact, hence equal, and no libm call.
  const double x = hf / 6.0 + 1.0;
  hf = x - static_cast<int>(x);
  const uint8_t h = static_cast<uint8_t>(Clip8(static_cast<int>(hf * 255.0)) + shift);
  const uint8_t s = static_cast<uint8_t>(Clip8(static_cast<int>(sf * 255.0)));
  if (s == 0) {
    out[0] = out[1] = out[2] = v;
    return;
  }
  // floor and round of values >= 0, by conversion (no libm calls): round is half away from zero.
  const int i = static_cast<int>(static_cast<float>(h) * 6.0 / 255.0);
  const float f = static_cast<float>(h) * 6.0 / 255.0 - static_cast<float>(i);
  const float fs = static_cast<float>(s) / 255.0;
  auto round = [](double u) { const int r = static_cast<int>(u); return u - r >= 0.5 ? r + 1 : r; };
  const uint8_t p = Clip8(round(static_cast<float>(v) * (1.0 - fs)));
  const uint8_t q = Clip8(round(static_cast<float>(v) * (1.0 - fs * f)));
  const uint8_t t = Clip8(round(static_cast<float>(v) * (1.0 - fs * (1.0 - f))));
  switch (i % 6) {
    case 0: out[0] = v, out[1] = t, out[2] = p; break;
    case 1: out[0] = q, out[1] = v, out[2] = p; break;
    case 2: out[0] = p, out[1] = v, out[2] = t; break;
    case 3: out[0] = p, out[1] = q, out[2] = v; break;
    case 4: out[0] = t, out[1] = p, out[2] = v; break;
    default: out[0] = v, out[1] = p, out[2] = q; break;
  }
}

// imageAdjustHue(src, out, shift): RGB bytes of one length, shift in [0, 256).
Napi::Value AdjustHue(const Napi::CallbackInfo& info) {
  const char* call = "imageAdjustHue";
  auto src = Bytes(info, 0, call), out = Bytes(info, 1, call);
  const int64_t shift = Int(info, 2);
  const size_t n = src.ElementLength();
  if (out.ElementLength() != n || n % 3 != 0 || shift < 0 || shift > 255) DoNotFit(info.Env(), call);
  const uint8_t* s = src.Data();
  uint8_t* o = out.Data();
  for (size_t i = 0; i < n; i += 3) HueShiftPixel(s + i, o + i, static_cast<int>(shift));
  return info.Env().Undefined();
}

// imageHistogram(src, channels, hist): hist (a Float64Array of 256 * channels, zeroed by the caller)
// counts channel ch's value x at hist[ch * 256 + x]. Float64: an image may hold 2^32 bytes of one value.
Napi::Value Histogram(const Napi::CallbackInfo& info) {
  const char* call = "imageHistogram";
  auto src = Bytes(info, 0, call);
  const int64_t c = Int(info, 1);
  auto hist = Typed<Napi::Float64Array>(info, 2, napi_float64_array, call, "Float64Array");
  const size_t n = src.ElementLength();
  if ((c != 1 && c != 3) || n % c != 0 || hist.ElementLength() != static_cast<size_t>(256 * c)) DoNotFit(info.Env(), call);
  const uint8_t* s = src.Data();
  double* h = hist.Data();
  if (c == 1) {
    for (size_t i = 0; i < n; i++) h[s[i]]++;
  } else {
    for (size_t i = 0; i < n; i += 3) h[s[i]]++, h[256 + s[i + 1]]++, h[512 + s[i + 2]]++;
  }
  return info.Env().Undefined();
}

// imageLut(src, out, channels, lut): out[i] = lut[(i % channels) * 256 + src[i]] where lut holds 256 *
// channels bytes, lut[src[i]] where it holds 256.
Napi::Value Lut(const Napi::CallbackInfo& info) {
  const char* call = "imageLut";
  auto src = Bytes(info, 0, call), out = Bytes(info, 1, call);
  const int64_t c = Int(info, 2);
  auto lut = Bytes(info, 3, call);
  const size_t n = src.ElementLength(), m = lut.ElementLength();
  if ((c != 1 && c != 3) || out.ElementLength() != n || n % c != 0 || (m != 256 && m != static_cast<size_t>(256 * c))) DoNotFit(info.Env(), call);
  const uint8_t *s = src.Data(), *l = lut.Data();
  uint8_t* o = out.Data();
  if (m == 256 || c == 1) {
    for (size_t i = 0; i < n; i++) o[i] = l[s[i]];
  } else {
    for (size_t i = 0; i < n; i += 3) o[i] = l[s[i]], o[i + 1] = l[256 + s[i + 1]], o[i + 2] = l[512 + s[i + 2]];
  }
  return info.Env().Undefined();
}

// One row's 3-tap sum in Pillow's order, each product and sum rounded to float (KERNEL1x3).
inline float Kernel1x3(const uint8_t* p, int64_t d, const float* k) {
  return static_cast<float>(p[-d]) * k[0] + static_cast<float>(p[0]) * k[1] + static_cast<float>(p[d]) * k[2];
}

// imageFilter3x3(src, out, width, channels, kernel, offset): ImagingFilter3x3 on 8-bit bands. kernel
// (9 floats) weighs row y + 1 with kernel[0..2], row y with [3..5], row y - 1 with [6..8]; each sum
// starts at offset + 0.5 (Pillow's rounding) and is clipped to [0, 255], then truncated. The border pixels are copied, and
// images narrower or shorter than 3 pixels are copied whole.
Napi::Value Filter3x3(const Napi::CallbackInfo& info) {
  const char* call = "imageFilter3x3";
  auto src = Bytes(info, 0, call), out = Bytes(info, 1, call);
  const int64_t w = Int(info, 2), c = Int(info, 3);
  auto kernel = Typed<Napi::Float32Array>(info, 4, napi_float32_array, call, "Float32Array");
  const float offset = static_cast<float>(Num(info, 5)) + 0.5f;
  const size_t n = src.ElementLength();
  if ((c != 1 && c != 3) || w <= 0 || w > INT32_MAX || out.ElementLength() != n || n % (w * c) != 0 || kernel.ElementLength() != 9) DoNotFit(info.Env(), call);
  const int64_t h = static_cast<int64_t>(n) / (w * c), stride = w * c;
  const uint8_t* s = src.Data();
  uint8_t* o = out.Data();
  const float* k = kernel.Data();
  std::memcpy(o, s, n);
  if (w < 3 || h < 3) return info.Env().Undefined();
  for (int64_t y = 1; y < h - 1; y++) {
    const uint8_t* row = s + y * stride;
    uint8_t* orow = o + y * stride;
    for (int64_t xc = c; xc < stride - c; xc++) {
      float ss = offset;
      ss += Kernel1x3(row + stride + xc, c, k);
      ss += Kernel1x3(row + xc, c, k + 3);
      ss += Kernel1x3(row - stride + xc, c, k + 6);
      orow[xc] = ss >= 255.0f ? 255 : ss > 0.0f ? static_cast<uint8_t>(ss) : 0;
    }
  }
  return info.Env().Undefined();
}

// Pillow's COORD: the pixel a coordinate falls in, -1 outside [0, n) (NaN too).
inline int64_t Coord(double v, int64_t n) {
  return v >= 0.0 && v < static_cast<double>(n) ? static_cast<int64_t>(v) : -1;
}

// One pixel of c = 1 or 3 bytes (a memcpy call per pixel doubled NEAREST rotate's time).
inline void CopyPixel(uint8_t* o, const uint8_t* s, int64_t c) {
  o[0] = s[0];
  if (c == 3) o[1] = s[1], o[2] = s[2];
}

struct Source {
  const uint8_t* data;
  int64_t w, h, c;
};

// bilinear_filter8 per band (BILINEAR_HEAD / BILINEAR_BODY, truncated): false (the pixel keeps its
// fill) outside the image. A NaN coordinate gives 0 in every band, as the TS port did.
inline bool BilinearSample(const Source& im, double xin, double yin, uint8_t* out) {
  if (std::isnan(xin) || std::isnan(yin)) {
    for (int64_t b = 0; b < im.c; b++) out[b] = 0;
    return true;
  }
  if (xin < 0.0 || xin >= im.w || yin < 0.0 || yin >= im.h) return false;
  xin -= 0.5;
  yin -= 0.5;
  // Pillow's FLOOR; the coordinates are >= -0.5 here, so no libm call is needed.
  const int64_t x = xin < 0.0 ? -1 : static_cast<int64_t>(xin), y = yin < 0.0 ? -1 : static_cast<int64_t>(yin);
  const double dx = xin - x, dy = yin - y;
  auto clip = [](int64_t v, int64_t n) { return v < 0 ? 0 : v >= n ? n - 1 : v; };
  const int64_t x0 = clip(x, im.w) * im.c, x1 = clip(x + 1, im.w) * im.c;
  const uint8_t* r0 = im.data + clip(y, im.h) * im.w * im.c;
  const uint8_t* r1 = y + 1 >= 0 && y + 1 < im.h ? im.data + (y + 1) * im.w * im.c : nullptr;
  for (int64_t b = 0; b < im.c; b++) {
    double v1 = r0[x0 + b] + (r0[x1 + b] - r0[x0 + b]) * dx;
    double v2 = r1 ? r1[x0 + b] + (r1[x1 + b] - r1[x0 + b]) * dx : v1;
    v1 = v1 + (v2 - v1) * dy;
    out[b] = static_cast<uint8_t>(v1);
  }
  return true;
}

inline bool NearestSample(const Source& im, double xin, double yin, uint8_t* out) {
  const int64_t x = Coord(xin, im.w), y = Coord(yin, im.h);
  if (x < 0 || y < 0) return false;
  CopyPixel(out, im.data + (y * im.w + x) * im.c, im.c);
  return true;
}

// The source image (argument i: bytes, i + 1: width, i + 2: channels) and the output (i + 3: bytes,
// i + 4: width), both whole rows; heights follow from the lengths.
void Images(const Napi::CallbackInfo& info, size_t i, const char* call, Source* src, uint8_t** out, int64_t* ow, int64_t* oh) {
  auto s = Bytes(info, i, call), o = Bytes(info, i + 3, call);
  src->w = Int(info, i + 1);
  src->c = Int(info, i + 2);
  *ow = Int(info, i + 4);
  const size_t n = s.ElementLength(), m = o.ElementLength();
  // Widths are Pillow's ints: bounding them keeps the products below from overflowing.
  if ((src->c != 1 && src->c != 3) || src->w < 0 || *ow < 0 || src->w > INT32_MAX || *ow > INT32_MAX) DoNotFit(info.Env(), call);
  const int64_t row = src->w * src->c, orow = *ow * src->c;
  if ((row == 0 ? n != 0 : n % row != 0) || (orow == 0 ? m != 0 : m % orow != 0)) DoNotFit(info.Env(), call);
  src->h = row == 0 ? 0 : static_cast<int64_t>(n) / row;
  *oh = orow == 0 ? 0 : static_cast<int64_t>(m) / orow;
  src->data = s.Data();
  *out = o.Data();
}

std::vector<double> Coeffs(const Napi::CallbackInfo& info, size_t i, size_t count, const char* call) {
  auto a = Typed<Napi::Float64Array>(info, i, napi_float64_array, call, "Float64Array");
  if (a.ElementLength() != count) DoNotFit(info.Env(), call);
  return std::vector<double>(a.Data(), a.Data() + count);
}

// Pillow's FIX: 16.16 fixed point, an int as x86-64's conversion gives it (INT32_MIN out of range).
inline int32_t Fix(double v) {
  const double f = std::floor(v * 65536.0 + 0.5);
  return f >= -2147483648.0 && f < 2147483648.0 ? static_cast<int32_t>(f) : INT32_MIN;
}

// check_fixed: the map of (x, y) stays inside +-32768 (16.16 fixed point).
inline bool FitsFixed(const std::vector<double>& a, int64_t x, int64_t y) {
  const double xd = static_cast<double>(x), yd = static_cast<double>(y);
  return std::fabs(xd * a[0] + yd * a[1] + a[2]) < 32768.0 && std::fabs(xd * a[3] + yd * a[4] + a[5]) < 32768.0;
}

// ImagingTransformAffine's NEAREST engines: ImagingScaleAffine for a scale (a1 = a3 = 0), affine_fixed
// (16.16 fixed point, int32 sums wrapping as Pillow's do) where the four corners fit it, else the
// walk in doubles. Each walks the map from the first pixel's centre by repeated additions.
template <int C>
void AffineNearest(const Source& im, uint8_t* out, int64_t ow, int64_t oh, const std::vector<double>& a) {
  constexpr int64_t c = C;
  if (a[1] == 0 && a[3] == 0) {
    std::vector<int64_t> xintab(ow, 0);
    int64_t xmin = ow, xmax = 0;
    double xo = a[2] + a[0] * 0.5, yo = a[5] + a[4] * 0.5;
    for (int64_t x = 0; x < ow; x++, xo += a[0]) {
      const int64_t xin = Coord(xo, im.w);
      if (xin >= 0) {
        xmax = x + 1;
        if (x < xmin) xmin = x;
        xintab[x] = xin;
      }
    }
    for (int64_t y = 0; y < oh; y++, yo += a[4]) {
      const int64_t yi = Coord(yo, im.h);
      if (yi < 0) continue;
      const uint8_t* in = im.data + yi * im.w * c;
      for (int64_t x = xmin; x < xmax; x++) CopyPixel(out + (y * ow + x) * c, in + xintab[x] * c, c);
    }
    return;
  }
  if (FitsFixed(a, 0, 0) && FitsFixed(a, ow, oh) && FitsFixed(a, 0, oh) && FitsFixed(a, ow, 0)) {
    const uint32_t a0 = Fix(a[0]), a1 = Fix(a[1]), a3 = Fix(a[3]), a4 = Fix(a[4]);
    uint32_t a2 = Fix(a[2] + a[0] * 0.5 + a[1] * 0.5), a5 = Fix(a[5] + a[3] * 0.5 + a[4] * 0.5);
    for (int64_t y = 0; y < oh; y++, a2 += a1, a5 += a4) {
      uint32_t xx = a2, yy = a5;
      for (int64_t x = 0; x < ow; x++, xx += a0, yy += a3) {
        const int32_t xin = static_cast<int32_t>(xx) >> 16;
        if (xin < 0 || xin >= im.w) continue;
        const int32_t yin = static_cast<int32_t>(yy) >> 16;
        if (yin >= 0 && yin < im.h) CopyPixel(out + (y * ow + x) * c, im.data + (yin * im.w + xin) * c, c);
      }
    }
    return;
  }
  double xo = a[2] + a[1] * 0.5 + a[0] * 0.5, yo = a[5] + a[4] * 0.5 + a[3] * 0.5;
  for (int64_t y = 0; y < oh; y++, xo += a[1], yo += a[4]) {
    double xx = xo, yy = yo;
    for (int64_t x = 0; x < ow; x++, xx += a[0], yy += a[3]) NearestSample(im, xx, yy, out + (y * ow + x) * c);
  }
}

// ImagingGenericTransform: out's pixel (x, y) samples the source at map(x + 0.5, y + 0.5), by
// bilinear_filter8 or nearest_filter8.
template <typename Map>
void GenericTransform(const Source& im, uint8_t* out, int64_t ow, int64_t oh, bool bilinear, Map map) {
  for (int64_t y = 0; y < oh; y++) {
    for (int64_t x = 0; x < ow; x++) {
      double xin, yin;
      map(x + 0.5, y + 0.5, &xin, &yin);
      uint8_t* o = out + (y * ow + x) * im.c;
      if (bilinear) BilinearSample(im, xin, yin, o);
      else NearestSample(im, xin, yin, o);
    }
  }
}

// imageTransformAffine(src, width, channels, out, outWidth, a, bilinear): out (filled by the caller)
// gets, at pixel (x, y), the source sampled at (a0 x + a1 y + a2, a3 x + a4 y + a5): NEAREST as
// ImagingTransformAffine (AffineNearest), BILINEAR evaluating the map at each pixel's centre
// (ImagingGenericTransform).
Napi::Value TransformAffine(const Napi::CallbackInfo& info) {
  const char* call = "imageTransformAffine";
  Source im;
  uint8_t* out;
  int64_t ow, oh;
  Images(info, 0, call, &im, &out, &ow, &oh);
  const std::vector<double> a = Coeffs(info, 5, 6, call);
  if (!Bool(info, 6)) {
    // The channel count as a constant: a pixel's copy is then one or three moves.
    if (im.c == 3) AffineNearest<3>(im, out, ow, oh, a);
    else AffineNearest<1>(im, out, ow, oh, a);
    return info.Env().Undefined();
  }
  GenericTransform(im, out, ow, oh, true, [&a](double xi, double yi, double* xin, double* yin) {
    *xin = a[0] * xi + a[1] * yi + a[2];
    *yin = a[3] * xi + a[4] * yi + a[5];
  });
  return info.Env().Undefined();
}

// imageTransformPerspective(src, width, channels, out, outWidth, a, bilinear): as imageTransformAffine
// with perspective_transform's map ((a0 x + a1 y + a2) / d, (a3 x + a4 y + a5) / d), d = a6 x + a7 y + 1,
// evaluated at each pixel's centre for both filters.
Napi::Value TransformPerspective(const Napi::CallbackInfo& info) {
  const char* call = "imageTransformPerspective";
  Source im;
  uint8_t* out;
  int64_t ow, oh;
  Images(info, 0, call, &im, &out, &ow, &oh);
  const std::vector<double> a = Coeffs(info, 5, 8, call);
  GenericTransform(im, out, ow, oh, Bool(info, 6), [&a](double xi, double yi, double* xin, double* yin) {
    const double d = a[6] * xi + a[7] * yi + 1;
    *xin = (a[0] * xi + a[1] * yi + a[2]) / d;
    *yin = (a[3] * xi + a[4] * yi + a[5]) / d;
  });
  return info.Env().Undefined();
}

// imagePad(src, width, channels, out, outWidth, rows, cols): out's pixel (x, y) = src's pixel
// (cols[x], rows[y]) where both are >= 0; the rest keeps the caller's fill. rows has one entry per
// output row, cols one per output column.
Napi::Value Pad(const Napi::CallbackInfo& info) {
  const char* call = "imagePad";
  Source im;
  uint8_t* out;
  int64_t ow, oh;
  Images(info, 0, call, &im, &out, &ow, &oh);
  auto rows = Typed<Napi::Int32Array>(info, 5, napi_int32_array, call, "Int32Array");
  auto cols = Typed<Napi::Int32Array>(info, 6, napi_int32_array, call, "Int32Array");
  if (static_cast<int64_t>(cols.ElementLength()) != ow || (ow > 0 && static_cast<int64_t>(rows.ElementLength()) != oh)) DoNotFit(info.Env(), call);
  const int32_t *r = rows.Data(), *cl = cols.Data();
  for (int64_t x = 0; x < ow; x++)
    if (cl[x] >= im.w) DoNotFit(info.Env(), call);
  for (int64_t y = 0; y < oh; y++)
    if (r[y] >= im.h) DoNotFit(info.Env(), call);
  const int64_t c = im.c;
  for (int64_t y = 0; y < oh; y++) {
    if (r[y] < 0) continue;
    const uint8_t* srow = im.data + r[y] * im.w * c;
    uint8_t* orow = out + y * ow * c;
    for (int64_t x = 0; x < ow; x++)
      if (cl[x] >= 0) CopyPixel(orow + x * c, srow + cl[x] * c, c);
  }
  return info.Env().Undefined();
}

}  // namespace

void InitImaging(Napi::Env env, Napi::Object exports) {
  Def(env, exports, "imageBlend", Blend);
  Def(env, exports, "imageConvert", Convert);
  Def(env, exports, "imageAdjustHue", AdjustHue);
  Def(env, exports, "imageHistogram", Histogram);
  Def(env, exports, "imageLut", Lut);
  Def(env, exports, "imageFilter3x3", Filter3x3);
  Def(env, exports, "imageTransformAffine", TransformAffine);
  Def(env, exports, "imageTransformPerspective", TransformPerspective);
  Def(env, exports, "imagePad", Pad);
}

TORCH_NODE_AREA(InitImaging);

}  // namespace torchnode
