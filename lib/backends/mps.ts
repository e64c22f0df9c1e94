// torch.backends.mps (torch/backends/mps/__init__.py). torch-node has no MPS device (Apple's Metal):
// both answers are false, as Python's are on any machine without it.
/** torch.backends.mps.is_available() */
export function isAvailable(): boolean {
  return false;
}
/** torch.backends.mps.is_built() */
export function isBuilt(): boolean {
  return false;
}
