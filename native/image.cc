// torchvision.io's image codecs (torchvision/csrc/io/image/cpu/{decode,encode}_{png,jpeg}.cpp, 0.14):
// the same libpng and libjpeg(-turbo) calls, so the pixels and the encoded bytes are the ones
// torchvision produces with the same libraries (Debian's Pillow links the same libjpeg-turbo).
// Thin: bytes in, bytes out ({ data, height, width, channels }, HWC); the TS layer (lib/vision/io)
// validates arguments and makes tensors. Built only where CMake/gyp found libpng and libjpeg
// (TORCH_NODE_IMAGE_CODECS); otherwise the functions are absent and the TS layer says what to install.
#include <napi.h>
#include "registry.h"

#ifdef TORCH_NODE_IMAGE_CODECS
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>
#include <jpeglib.h>
#include <png.h>

namespace torchnode {
namespace {

// ImageReadMode values of torchvision.io.image.ImageReadMode.
enum ReadMode { UNCHANGED = 0, GRAY = 1, GRAY_ALPHA = 2, RGB = 3, RGB_ALPHA = 4 };

Napi::Object Result(Napi::Env env, Napi::Buffer<uint8_t> data, int64_t height, int64_t width, int channels) {
  auto out = Napi::Object::New(env);
  out.Set("data", data);
  out.Set("height", Napi::Number::New(env, static_cast<double>(height)));
  out.Set("width", Napi::Number::New(env, static_cast<double>(width)));
  out.Set("channels", Napi::Number::New(env, channels));
  return out;
}

// The decoders write the pixels straight into the Buffer they return, which node allocates without
// zeroing (a std::vector would be zeroed, then copied: two extra passes over every decoded image).
// `release` frees the codec's state when the allocation fails.
template <typename Release>
Napi::Buffer<uint8_t> PixelBuffer(Napi::Env env, size_t size, Release release) {
  try {
    return Napi::Buffer<uint8_t>::New(env, size);
  } catch (...) {
    release();
    throw;
  }
}

// ------------------------------------------------------------------ PNG

struct PngReader {
  const uint8_t* ptr;
  size_t count;
  bool overrun = false;
};

struct PngError {
  std::string message;
};

void PngErrorFn(png_structp png, png_const_charp msg) {
  static_cast<PngError*>(png_get_error_ptr(png))->message = msg;
  png_longjmp(png, 1);
}
void PngWarnFn(png_structp, png_const_charp) {}

Napi::Value DecodePng(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto input = info[0].As<Napi::Uint8Array>();
  int mode = info[1].As<Napi::Number>().Int32Value();
  const uint8_t* datap = input.Data();
  size_t len = input.ByteLength();
  if (len < 8 || png_sig_cmp(datap, 0, 8) != 0) throw Napi::Error::New(env, len < 8 ? "Content is too small for png!" : "Content is not png!");

  PngError err;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &err, PngErrorFn, PngWarnFn);
  if (!png) throw Napi::Error::New(env, "libpng read structure allocation failed!");
  png_infop pinfo = png_create_info_struct(png);
  if (!pinfo) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    throw Napi::Error::New(env, "libpng info structure allocation failed!");
  }
  PngReader reader{datap + 8, len - 8};
  png_uint_32 width = 0, height = 0;
  int channels = 0;
  std::string failure;
  if (setjmp(png_jmpbuf(png)) != 0) {
    png_destroy_read_struct(&png, &pinfo, nullptr);
    throw Napi::Error::New(env, reader.overrun ? "Out of bound read in decode_png. Probably, the input image is corrupted" : "Internal error: " + err.message);
  }
  png_set_sig_bytes(png, 8);
  png_set_read_fn(png, &reader, [](png_structp p, png_bytep output, png_size_t bytes) {
    auto r = static_cast<PngReader*>(png_get_io_ptr(p));
    if (r->count < bytes) {
      r->overrun = true;
      png_error(p, "out of bound read");
    }
    std::memcpy(output, r->ptr, bytes);
    r->ptr += bytes;
    r->count -= bytes;
  });
  png_read_info(png, pinfo);
  int bit_depth, color_type, interlace_type;
  if (png_get_IHDR(png, pinfo, &width, &height, &bit_depth, &color_type, &interlace_type, nullptr, nullptr) != 1) {
    failure = "Could read image metadata from content.";
  } else if (bit_depth > 8) {
    failure = "At most 8-bit PNG images are supported currently.";
  }
  if (!failure.empty()) {
    png_destroy_read_struct(&png, &pinfo, nullptr);
    throw Napi::Error::New(env, failure);
  }
  channels = png_get_channels(png, pinfo);
  if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  int passes = interlace_type == PNG_INTERLACE_ADAM7 ? png_set_interlace_handling(png) : 1;
  if (mode != UNCHANGED) {
    bool is_palette = (color_type & PNG_COLOR_MASK_PALETTE) != 0;
    bool has_color = (color_type & PNG_COLOR_MASK_COLOR) != 0;
    bool has_alpha = (color_type & PNG_COLOR_MASK_ALPHA) != 0;
    switch (mode) {
      case GRAY:
        if (color_type != PNG_COLOR_TYPE_GRAY) {
          if (is_palette) {
            png_set_palette_to_rgb(png);
            has_alpha = true;
          }
          if (has_alpha) png_set_strip_alpha(png);
          if (has_color) png_set_rgb_to_gray(png, 1, 0.2989, 0.587);
          channels = 1;
        }
        break;
      case GRAY_ALPHA:
        if (color_type != PNG_COLOR_TYPE_GRAY_ALPHA) {
          if (is_palette) {
            png_set_palette_to_rgb(png);
            has_alpha = true;
          }
          if (!has_alpha) png_set_add_alpha(png, (1 << bit_depth) - 1, PNG_FILLER_AFTER);
          if (has_color) png_set_rgb_to_gray(png, 1, 0.2989, 0.587);
          channels = 2;
        }
        break;
      case RGB:
        if (color_type != PNG_COLOR_TYPE_RGB) {
          if (is_palette) {
            png_set_palette_to_rgb(png);
            has_alpha = true;
          } else if (!has_color) {
            png_set_gray_to_rgb(png);
          }
          if (has_alpha) png_set_strip_alpha(png);
          channels = 3;
        }
        break;
      case RGB_ALPHA:
        if (color_type != PNG_COLOR_TYPE_RGB_ALPHA) {
          if (is_palette) {
            png_set_palette_to_rgb(png);
            has_alpha = true;
          } else if (!has_color) {
            png_set_gray_to_rgb(png);
          }
          if (!has_alpha) png_set_add_alpha(png, (1 << bit_depth) - 1, PNG_FILLER_AFTER);
          channels = 4;
        }
        break;
      default:
        png_destroy_read_struct(&png, &pinfo, nullptr);
        throw Napi::Error::New(env, "The provided mode is not supported for PNG files");
    }
    png_read_update_info(png, pinfo);
  }
  size_t row = static_cast<size_t>(width) * channels;
  auto out = PixelBuffer(env, row * height, [&] { png_destroy_read_struct(&png, &pinfo, nullptr); });
  for (int pass = 0; pass < passes; pass++)
    for (png_uint_32 i = 0; i < height; ++i) png_read_row(png, out.Data() + i * row, nullptr);
  png_destroy_read_struct(&png, &pinfo, nullptr);
  return Result(env, out, height, width, channels);
}

Napi::Value EncodePng(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto input = info[0].As<Napi::Uint8Array>();  // HWC
  int height = info[1].As<Napi::Number>().Int32Value();
  int width = info[2].As<Napi::Number>().Int32Value();
  int channels = info[3].As<Napi::Number>().Int32Value();
  int level = info[4].As<Napi::Number>().Int32Value();
  PngError err;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &err, PngErrorFn, PngWarnFn);
  if (!png) throw Napi::Error::New(env, "pngWriter: libpng write structure allocation failed!");
  png_infop pinfo = png_create_info_struct(png);
  if (!pinfo) {
    png_destroy_write_struct(&png, nullptr);
    throw Napi::Error::New(env, "pngWriter: libpng info structure allocation failed!");
  }
  std::vector<uint8_t> out;
  if (setjmp(png_jmpbuf(png)) != 0) {
    png_destroy_write_struct(&png, &pinfo);
    throw Napi::Error::New(env, "pngWriter: " + err.message);
  }
  png_set_write_fn(png, &out, [](png_structp p, png_bytep data, png_size_t length) {
    auto o = static_cast<std::vector<uint8_t>*>(png_get_io_ptr(p));
    o->insert(o->end(), data, data + length);
  }, nullptr);
  png_set_IHDR(png, pinfo, width, height, 8, channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, level);
  png_write_info(png, pinfo);
  const uint8_t* src = input.Data();
  for (int i = 0; i < height; i++) png_write_row(png, const_cast<png_bytep>(src + static_cast<size_t>(i) * width * channels));
  png_write_end(png, pinfo);
  png_destroy_write_struct(&png, &pinfo);
  return Result(env, Napi::Buffer<uint8_t>::Copy(env, out.data(), out.size()), height, width, channels);
}

// ------------------------------------------------------------------ JPEG

struct JpegErr {
  jpeg_error_mgr pub;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void JpegErrorExit(j_common_ptr cinfo) {
  auto e = reinterpret_cast<JpegErr*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, e->message);
  longjmp(e->jump, 1);
}

Napi::Value DecodeJpeg(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto input = info[0].As<Napi::Uint8Array>();
  int mode = info[1].As<Napi::Number>().Int32Value();
  jpeg_decompress_struct cinfo;
  JpegErr jerr;
  cinfo.err = jpeg_std_error(&jerr.pub);
  jerr.pub.error_exit = JpegErrorExit;
  if (setjmp(jerr.jump)) {
    jpeg_destroy_decompress(&cinfo);
    throw Napi::Error::New(env, jerr.message);
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, input.Data(), input.ByteLength());
  jpeg_read_header(&cinfo, TRUE);
  int channels = cinfo.num_components;
  if (mode != UNCHANGED) {
    switch (mode) {
      case GRAY:
        if (cinfo.jpeg_color_space != JCS_GRAYSCALE) {
          cinfo.out_color_space = JCS_GRAYSCALE;
          channels = 1;
        }
        break;
      case RGB:
        if (cinfo.jpeg_color_space != JCS_RGB) {
          cinfo.out_color_space = JCS_RGB;
          channels = 3;
        }
        break;
      default:
        jpeg_destroy_decompress(&cinfo);
        throw Napi::Error::New(env, "The provided mode is not supported for JPEG files");
    }
  }
  jpeg_calc_output_dimensions(&cinfo);
  jpeg_start_decompress(&cinfo);
  int height = cinfo.output_height, width = cinfo.output_width;
  size_t stride = static_cast<size_t>(width) * channels;
  auto out = PixelBuffer(env, stride * height, [&] { jpeg_destroy_decompress(&cinfo); });
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = out.Data() + stride * cinfo.output_scanline;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return Result(env, out, height, width, channels);
}

Napi::Value EncodeJpeg(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto input = info[0].As<Napi::Uint8Array>();  // HWC
  int height = info[1].As<Napi::Number>().Int32Value();
  int width = info[2].As<Napi::Number>().Int32Value();
  int channels = info[3].As<Napi::Number>().Int32Value();
  int quality = info[4].As<Napi::Number>().Int32Value();
  jpeg_compress_struct cinfo;
  JpegErr jerr;
  cinfo.err = jpeg_std_error(&jerr.pub);
  jerr.pub.error_exit = JpegErrorExit;
  unsigned char* buf = nullptr;
  unsigned long size = 0;
  if (setjmp(jerr.jump)) {
    jpeg_destroy_compress(&cinfo);
    free(buf);
    throw Napi::Error::New(env, jerr.message);
  }
  jpeg_create_compress(&cinfo);
  jpeg_mem_dest(&cinfo, &buf, &size);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = channels;
  cinfo.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  const uint8_t* src = input.Data();
  size_t stride = static_cast<size_t>(width) * channels;
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(src + stride * cinfo.next_scanline);
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  auto out = Napi::Buffer<uint8_t>::Copy(env, buf, size);
  free(buf);
  return Result(env, out, height, width, channels);
}

}  // namespace

void InitImage(Napi::Env env, Napi::Object exports) {
  exports.Set("imageDecodePng", Napi::Function::New(env, DecodePng, "imageDecodePng"));
  exports.Set("imageEncodePng", Napi::Function::New(env, EncodePng, "imageEncodePng"));
  exports.Set("imageDecodeJpeg", Napi::Function::New(env, DecodeJpeg, "imageDecodeJpeg"));
  exports.Set("imageEncodeJpeg", Napi::Function::New(env, EncodeJpeg, "imageEncodeJpeg"));
}

TORCH_NODE_AREA(InitImage);

}  // namespace torchnode
#endif  // TORCH_NODE_IMAGE_CODECS
