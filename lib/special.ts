// torch.special: the operators of ATen's special module, generated from the linked libtorch's schemas
// (lib/_C/generated/special.ts).
export * from './_C/generated/special';
