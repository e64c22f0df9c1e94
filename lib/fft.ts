// torch.fft: the operators of ATen's fft module, generated from the linked libtorch's schemas
// (lib/_C/generated/fft.ts).
export * from './_C/generated/fft';
