// torch.cpu (1.13 has only its amp package)
export * as amp from './amp';
