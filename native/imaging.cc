// Pillow 9's per-pixel loops (libImaging) for the PIL-like Image of lib/vision/transforms: 8-bit
// pixels, height x width x channels, channels 1 ('L') or 3 ('RGB'). Ported from
//   Blend.c    ImagingBlend (Image.blend: ColorJitter's brightness, contrast, saturation, sharpness)
//   Convert.c  rgb2l (ITU-R 601-2 integer luma), l2rgb, rgb2hsv_row and hsv2rgb (adjust_hue)
//   Histo.c    ImagingHistogram's counts (adjust_contrast's mean, autocontrast, equalize)
//   Point.c    ImagingPoint with a lookup table (invert, posterize, solarize, autocontrast, equalize,
//              adjust_gamma: the TS layer computes the table)
//   Filter.c   ImagingFilter3x3 (ImageFilter.SMOOTH of adjust_sharpness)
// The TS layer (transforms/functional_pil.ts, image.ts) keeps the policy and allocates every output;
// here each call first checks that the arrays fit the sizes it is given, so a wrong call is a JS
// RangeError rather than a read or write outside them. In TS these loops took about twice Pillow's time.
#include <napi.h>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include "args.h"
#include "errors.h"
#include "registry.h"

// Bytes equal to Pillow's need each float and double operation rounded on its own, as Pillow's
// x86-64 builds (no FMA) do: a fused a * b + c rounds once and moves values across the truncation.
// GCC contracts by default wherever the target has FMA (aarch64, -march=native).
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

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
  hf = std::fmod(hf / 6.0 + 1.0, 1.0);
  const uint8_t h = static_cast<uint8_t>(Clip8(static_cast<int>(hf * 255.0)) + shift);
  const uint8_t s = static_cast<uint8_t>(Clip8(static_cast<int>(sf * 255.0)));
  if (s == 0) {
    out[0] = out[1] = out[2] = v;
    return;
  }
  const int i = static_cast<int>(std::floor(static_cast<float>(h) * 6.0 / 255.0));
  const float f = static_cast<float>(h) * 6.0 / 255.0 - static_cast<float>(i);
  const float fs = static_cast<float>(s) / 255.0;
  const uint8_t p = Clip8(static_cast<int>(std::round(static_cast<float>(v) * (1.0 - fs))));
  const uint8_t q = Clip8(static_cast<int>(std::round(static_cast<float>(v) * (1.0 - fs * f))));
  const uint8_t t = Clip8(static_cast<int>(std::round(static_cast<float>(v) * (1.0 - fs * (1.0 - f)))));
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
  if ((c != 1 && c != 3) || w <= 0 || out.ElementLength() != n || n % (w * c) != 0 || kernel.ElementLength() != 9) DoNotFit(info.Env(), call);
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

}  // namespace

void InitImaging(Napi::Env env, Napi::Object exports) {
  Def(env, exports, "imageBlend", Blend);
  Def(env, exports, "imageConvert", Convert);
  Def(env, exports, "imageAdjustHue", AdjustHue);
  Def(env, exports, "imageHistogram", Histogram);
  Def(env, exports, "imageLut", Lut);
  Def(env, exports, "imageFilter3x3", Filter3x3);
}

TORCH_NODE_AREA(InitImaging);

}  // namespace torchnode
