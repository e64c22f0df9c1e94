// torch.linalg: the operators of ATen's linalg module, generated from the linked libtorch's schemas
// (lib/_C/generated/linalg.ts).
export * from './_C/generated/linalg';
