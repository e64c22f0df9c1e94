// The two convolution passes of Pillow's ImagingResample (libImaging/Resample.c,
// ImagingResampleHorizontal_8bpc / ImagingResampleVertical_8bpc) for the PIL-like Image of
// lib/vision/transforms: 8-bit pixels, height x width x channels. The TS layer
// (transforms/functional.ts) computes the fixed-point coefficients and allocates the output; here
// only a check that every read and write stays inside the arrays (O(number of weights)), so a wrong
// call, as the fuzzer makes, is an error rather than a crash. Sums are int32, as Pillow's; the check
// also bounds each window's positive and negative weights so that no partial sum, in whatever order,
// can leave int32: the sums are exact, the bytes those of exact sums.
// Also Image.transpose's FLIP_LEFT_RIGHT (Geometry.c): a JS loop over the bytes took ~10x its time;
// and to_tensor's copy, which reads the image's bytes in place.
#include <napi.h>
#include <ATen/ATen.h>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>
#include "args.h"
#include "errors.h"
#include "registry.h"

namespace torchnode {
namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;

constexpr int32_t kHalf = int32_t{1} << (kPrecisionBits - 1);

// Each of the n windows (bounds[2i], bounds[2i + 1]) = (first, count) lies in [0, size) with
// count <= ksize, kk holds n * ksize weights, and 255 times a window's positive (negative) weights
// plus the rounding half stays below (above) the int32 limits. Pillow's normalised weights sum to
// 1.0 (2^22), with small negative lobes: far inside.
bool WindowsFit(const Napi::Int32Array& bounds, const Napi::Int32Array& kk, int64_t n, int ksize, int64_t size) {
  if (ksize < 0 || static_cast<int64_t>(bounds.ElementLength()) < 2 * n || static_cast<int64_t>(kk.ElementLength()) < n * ksize) return false;
  const int32_t* b = bounds.Data();
  const int32_t* k = kk.Data();
  for (int64_t i = 0; i < n; i++) {
    if (b[2 * i] < 0 || b[2 * i + 1] < 0 || b[2 * i + 1] > ksize || static_cast<int64_t>(b[2 * i]) + b[2 * i + 1] > size) return false;
    int64_t pos = 0, neg = 0;
    for (int x = 0; x < b[2 * i + 1]; x++) (k[i * ksize + x] > 0 ? pos : neg) += k[i * ksize + x];
    if (kHalf + 255 * pos > INT32_MAX || kHalf + 255 * neg < INT32_MIN) return false;
  }
  return true;
}

Napi::Error OutOfRange(Napi::Env env, const char* name) {
  return Napi::RangeError::New(env, std::string(name) + ": sizes, windows or coefficients do not fit the arrays");
}

inline uint8_t Clip8(int32_t s) {
  if (s >= (int32_t{1} << (kPrecisionBits + 8))) return 255;
  if (s <= 0) return 0;
  return static_cast<uint8_t>(s >> kPrecisionBits);
}

// out[y][xx][ch] = sum_x src[y + yFirst][bounds[2xx] + x][ch] * kk[xx * ksize + x], for y < out rows.
template <int C>
void Horizontal(const uint8_t* src, uint8_t* out, int64_t rows, int w, int yFirst, int outW, const int32_t* bounds, const int32_t* kk, int ksize) {
  for (int64_t y = 0; y < rows; y++) {
    const uint8_t* row = src + (y + yFirst) * static_cast<int64_t>(w) * C;
    uint8_t* o = out + y * static_cast<int64_t>(outW) * C;
    for (int xx = 0; xx < outW; xx++) {
      const uint8_t* p = row + static_cast<int64_t>(bounds[2 * xx]) * C;
      const int xmax = bounds[2 * xx + 1];
      const int32_t* k = kk + static_cast<int64_t>(xx) * ksize;
      int32_t s[C];
      for (int ch = 0; ch < C; ch++) s[ch] = kHalf;
      for (int x = 0; x < xmax; x++)
        for (int ch = 0; ch < C; ch++) s[ch] += p[x * C + ch] * k[x];
      for (int ch = 0; ch < C; ch++) o[xx * C + ch] = Clip8(s[ch]);
    }
  }
}

// imageResampleHorizontal(src, out, width, channels, yFirst, outWidth, bounds, kk, ksize): `out`
// holds out.length / (outWidth * channels) rows, made from src's rows yFirst, yFirst + 1, ...
Napi::Value ResampleHorizontal(const Napi::CallbackInfo& info) {
  auto src = info[0].As<Napi::Uint8Array>();
  auto out = info[1].As<Napi::Uint8Array>();
  int w = info[2].As<Napi::Number>().Int32Value();
  int c = info[3].As<Napi::Number>().Int32Value();
  int yFirst = info[4].As<Napi::Number>().Int32Value();
  int outW = info[5].As<Napi::Number>().Int32Value();
  auto bounds = info[6].As<Napi::Int32Array>();
  auto kk = info[7].As<Napi::Int32Array>();
  int ksize = info[8].As<Napi::Number>().Int32Value();
  if ((c != 1 && c != 3) || w < 0 || yFirst < 0 || outW <= 0 || out.ElementLength() % (static_cast<size_t>(outW) * c) != 0) throw OutOfRange(info.Env(), "imageResampleHorizontal");
  int64_t rows = static_cast<int64_t>(out.ElementLength()) / (static_cast<int64_t>(outW) * c);
  if ((yFirst + rows) * w * c > static_cast<int64_t>(src.ElementLength()) || !WindowsFit(bounds, kk, outW, ksize, w)) throw OutOfRange(info.Env(), "imageResampleHorizontal");
  if (c == 3) Horizontal<3>(src.Data(), out.Data(), rows, w, yFirst, outW, bounds.Data(), kk.Data(), ksize);
  else Horizontal<1>(src.Data(), out.Data(), rows, w, yFirst, outW, bounds.Data(), kk.Data(), ksize);
  return info.Env().Undefined();
}

// x86-64 GCC builds carry an AVX2 copy of the vertical pass, picked at load time where the CPU has
// AVX2: its 8-lane 32-bit multiply halves the time of SSE2's (emulated) one.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__ELF__)
#define TORCH_NODE_AVX2_CLONE __attribute__((target_clones("avx2", "default")))
#else
#define TORCH_NODE_AVX2_CLONE
#endif

// Output row yy (of stride bytes) = sum_y src row (bounds[2yy] - rowOffset + y) * kk[yy * ksize + y].
// Row by row (Pillow goes pixel by pixel down the window): the inner loops run along a row, which the
// compiler vectorizes. acc holds stride sums.
TORCH_NODE_AVX2_CLONE
void Vertical(const uint8_t* src, uint8_t* out, int64_t stride, int64_t outH, int rowOffset, const int32_t* bounds, const int32_t* kk, int ksize, int32_t* acc) {
  for (int64_t yy = 0; yy < outH; yy++) {
    const uint8_t* first = src + (bounds[2 * yy] - rowOffset) * stride;
    const int ymax = bounds[2 * yy + 1];
    const int32_t* k = kk + yy * ksize;
    for (int64_t xc = 0; xc < stride; xc++) acc[xc] = kHalf;
    for (int y = 0; y < ymax; y++) {
      const uint8_t* r = first + y * stride;
      const int32_t ky = k[y];
      for (int64_t xc = 0; xc < stride; xc++) acc[xc] += r[xc] * ky;
    }
    uint8_t* o = out + yy * stride;
    for (int64_t xc = 0; xc < stride; xc++) o[xc] = Clip8(acc[xc]);
  }
}

// imageResampleVertical(src, out, stride, rowOffset, bounds, kk, ksize): Vertical, where src holds
// the source rows rowOffset, rowOffset + 1, ...
Napi::Value ResampleVertical(const Napi::CallbackInfo& info) {
  auto src = info[0].As<Napi::Uint8Array>();
  auto out = info[1].As<Napi::Uint8Array>();
  int64_t stride = info[2].As<Napi::Number>().Int32Value();
  int rowOffset = info[3].As<Napi::Number>().Int32Value();
  auto bounds = info[4].As<Napi::Int32Array>();
  auto kk = info[5].As<Napi::Int32Array>();
  int ksize = info[6].As<Napi::Number>().Int32Value();
  if (stride <= 0 || rowOffset < 0 || out.ElementLength() % stride != 0) throw OutOfRange(info.Env(), "imageResampleVertical");
  int64_t outH = static_cast<int64_t>(out.ElementLength()) / stride;
  int64_t srcRows = static_cast<int64_t>(src.ElementLength()) / stride;
  // Windows are in source rows; src holds rows rowOffset, rowOffset + 1, ...
  if (!WindowsFit(bounds, kk, outH, ksize, rowOffset + srcRows)) throw OutOfRange(info.Env(), "imageResampleVertical");
  for (int64_t yy = 0; yy < outH; yy++)
    if (bounds.Data()[2 * yy] < rowOffset) throw OutOfRange(info.Env(), "imageResampleVertical");
  std::vector<int32_t> acc(stride);
  Vertical(src.Data(), out.Data(), stride, outH, rowOffset, bounds.Data(), kk.Data(), ksize, acc.data());
  return info.Env().Undefined();
}

// out's pixel x of each row = src's pixel w - 1 - x.
template <int C>
void FlipLeftRight(const uint8_t* src, uint8_t* out, int64_t rows, int64_t w) {
  for (int64_t y = 0; y < rows; y++) {
    const uint8_t* row = src + y * w * C;
    uint8_t* o = out + y * w * C + (w - 1) * C;
    for (int64_t x = 0; x < w; x++) std::memcpy(o - x * C, row + x * C, C);
  }
}

// imageFlipLeftRight(src, out, width, channels): out (src's size) = src mirrored in every row.
Napi::Value ImageFlipLeftRight(const Napi::CallbackInfo& info) {
  auto src = info[0].As<Napi::Uint8Array>();
  auto out = info[1].As<Napi::Uint8Array>();
  int64_t w = info[2].As<Napi::Number>().Int32Value();
  int c = info[3].As<Napi::Number>().Int32Value();
  size_t n = src.ElementLength();
  if ((c != 1 && c != 3) || w <= 0 || out.ElementLength() != n || n % (w * c) != 0) throw OutOfRange(info.Env(), "imageFlipLeftRight");
  int64_t rows = static_cast<int64_t>(n) / (w * c);
  if (c == 3) FlipLeftRight<3>(src.Data(), out.Data(), rows, w);
  else FlipLeftRight<1>(src.Data(), out.Data(), rows, w);
  return info.Env().Undefined();
}

// imageToTensor(data, height, width, channels, out): out ([channels, height, width], any dtype and
// device) = the HWC bytes permuted, converted by one copy_ that reads the Uint8Array where it lies
// (fromTypedArray would copy it into a tensor first: 60 us of a 224x224 RGB image's ~200).
Napi::Value ImageToTensor(const Napi::CallbackInfo& info) {
  auto src = info[0].As<Napi::Uint8Array>();
  const int64_t h = Int(info, 1), w = Int(info, 2), c = Int(info, 3);
  at::Tensor& out = T(info, 4);
  const int64_t n = static_cast<int64_t>(src.ElementLength());
  // h is bounded first so that h * w * c cannot overflow.
  if (h < 0 || w < 0 || (c != 1 && c != 3) || (w > 0 && h > n / (w * c)) || h * w * c != n || out.sizes() != at::IntArrayRef({c, h, w})) throw OutOfRange(info.Env(), "imageToTensor");
  if (h * w == 0) return info.Env().Undefined();
  out.copy_(at::from_blob(src.Data(), {h, w, c}, at::kByte).permute({2, 0, 1}));
  return info.Env().Undefined();
}

}  // namespace

void InitResample(Napi::Env env, Napi::Object exports) {
  exports.Set("imageResampleHorizontal", Napi::Function::New(env, ResampleHorizontal, "imageResampleHorizontal"));
  exports.Set("imageResampleVertical", Napi::Function::New(env, ResampleVertical, "imageResampleVertical"));
  exports.Set("imageFlipLeftRight", Napi::Function::New(env, ImageFlipLeftRight, "imageFlipLeftRight"));
  Def(env, exports, "imageToTensor", ImageToTensor);
}

TORCH_NODE_AREA(InitResample);

}  // namespace torchnode
