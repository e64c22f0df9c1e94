// The two convolution passes of Pillow's ImagingResample (libImaging/Resample.c,
// ImagingResampleHorizontal_8bpc / ImagingResampleVertical_8bpc) for the PIL-like Image of
// lib/vision/transforms: 8-bit pixels, height x width x channels. The TS layer
// (transforms/functional.ts) computes the fixed-point coefficients and allocates the output; here
// only a check that every read and write stays inside the arrays (O(output width + height)), so a
// wrong call, as the fuzzer makes, is an error rather than a crash. In TS the passes cost 3-8 ms of
// CPU for a 256x256 -> 224x224 RGB image, about 3x Pillow's time. Sums are 64-bit, exact as the TS
// port's doubles were, so the bytes are the TS port's (and Pillow's, whose int32 sums of normalised
// weights stay far from overflow).
#include <napi.h>
#include <cstdint>
#include <string>
#include "registry.h"

namespace torchnode {
namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;

// Each of the n windows (bounds[2i], bounds[2i + 1]) = (first, count) lies in [0, size) with
// count <= ksize, and kk holds n * ksize weights.
bool WindowsFit(const Napi::Int32Array& bounds, const Napi::Int32Array& kk, int64_t n, int ksize, int64_t size) {
  if (ksize < 0 || static_cast<int64_t>(bounds.ElementLength()) < 2 * n || static_cast<int64_t>(kk.ElementLength()) < n * ksize) return false;
  const int32_t* b = bounds.Data();
  for (int64_t i = 0; i < n; i++)
    if (b[2 * i] < 0 || b[2 * i + 1] < 0 || b[2 * i + 1] > ksize || static_cast<int64_t>(b[2 * i]) + b[2 * i + 1] > size) return false;
  return true;
}

Napi::Error OutOfRange(Napi::Env env, const char* name) {
  return Napi::RangeError::New(env, std::string(name) + ": sizes, windows or coefficients do not fit the arrays");
}

inline uint8_t Clip8(int64_t s) {
  if (s >= (int64_t{1} << (kPrecisionBits + 8))) return 255;
  if (s <= 0) return 0;
  return static_cast<uint8_t>(s >> kPrecisionBits);
}

// out[y][xx][ch] = sum_x src[y + yFirst][bounds[2xx] + x][ch] * kk[xx * ksize + x], for y < out rows.
template <int C>
void Horizontal(const uint8_t* src, uint8_t* out, int64_t rows, int w, int yFirst, int outW, const int32_t* bounds, const int32_t* kk, int ksize) {
  constexpr int64_t half = int64_t{1} << (kPrecisionBits - 1);
  for (int64_t y = 0; y < rows; y++) {
    const uint8_t* row = src + (y + yFirst) * static_cast<int64_t>(w) * C;
    uint8_t* o = out + y * static_cast<int64_t>(outW) * C;
    for (int xx = 0; xx < outW; xx++) {
      const uint8_t* p = row + static_cast<int64_t>(bounds[2 * xx]) * C;
      const int xmax = bounds[2 * xx + 1];
      const int32_t* k = kk + static_cast<int64_t>(xx) * ksize;
      int64_t s[C];
      for (int ch = 0; ch < C; ch++) s[ch] = half;
      for (int x = 0; x < xmax; x++)
        for (int ch = 0; ch < C; ch++) s[ch] += static_cast<int64_t>(p[x * C + ch]) * k[x];
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

// imageResampleVertical(src, out, stride, rowOffset, bounds, kk, ksize): out row yy (of stride
// bytes) = sum_y src row (bounds[2yy] - rowOffset + y) * kk[yy * ksize + y].
Napi::Value ResampleVertical(const Napi::CallbackInfo& info) {
  auto src = info[0].As<Napi::Uint8Array>();
  auto out = info[1].As<Napi::Uint8Array>();
  int64_t stride = info[2].As<Napi::Number>().Int32Value();
  int rowOffset = info[3].As<Napi::Number>().Int32Value();
  auto boundsArray = info[4].As<Napi::Int32Array>();
  auto kkArray = info[5].As<Napi::Int32Array>();
  int ksize = info[6].As<Napi::Number>().Int32Value();
  if (stride <= 0 || rowOffset < 0 || out.ElementLength() % stride != 0) throw OutOfRange(info.Env(), "imageResampleVertical");
  int64_t outH = static_cast<int64_t>(out.ElementLength()) / stride;
  int64_t srcRows = static_cast<int64_t>(src.ElementLength()) / stride;
  // Windows are in source rows; src holds rows rowOffset, rowOffset + 1, ...
  if (!WindowsFit(boundsArray, kkArray, outH, ksize, rowOffset + srcRows)) throw OutOfRange(info.Env(), "imageResampleVertical");
  for (int64_t yy = 0; yy < outH; yy++)
    if (boundsArray.Data()[2 * yy] < rowOffset) throw OutOfRange(info.Env(), "imageResampleVertical");
  const int32_t* bounds = boundsArray.Data();
  const int32_t* kk = kkArray.Data();
  const uint8_t* s = src.Data();
  uint8_t* o = out.Data();
  constexpr int64_t half = int64_t{1} << (kPrecisionBits - 1);
  for (int64_t yy = 0; yy < outH; yy++) {
    const uint8_t* first = s + (bounds[2 * yy] - rowOffset) * stride;
    const int ymax = bounds[2 * yy + 1];
    const int32_t* k = kk + yy * ksize;
    for (int64_t xc = 0; xc < stride; xc++) {
      int64_t sum = half;
      for (int y = 0; y < ymax; y++) sum += static_cast<int64_t>(first[y * stride + xc]) * k[y];
      o[yy * stride + xc] = Clip8(sum);
    }
  }
  return info.Env().Undefined();
}

}  // namespace

void InitResample(Napi::Env env, Napi::Object exports) {
  exports.Set("imageResampleHorizontal", Napi::Function::New(env, ResampleHorizontal, "imageResampleHorizontal"));
  exports.Set("imageResampleVertical", Napi::Function::New(env, ResampleVertical, "imageResampleVertical"));
}

TORCH_NODE_AREA(InitResample);

}  // namespace torchnode
