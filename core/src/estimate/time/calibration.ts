/**
 * The step-time model's only fitted numbers: mechanism-level rates, the same for every model, method
 * and shape. Fitted with `npm run bench:time -- --fit` on the H200 runs not held out (bench/time.ts
 * lists which are held out); the held-out runs check that the fit describes mechanisms, not cases.
 */
export interface TimeParameters {
  /** Fraction of the datasheet tensor rate a large bf16 GEMM reaches through cuBLAS. */
  matmulFraction: number;
  /** Fraction of it that a flash-attention kernel (SDPA's flash/cuDNN backend) reaches. */
  attentionFraction: number;
  /** Fraction of the datasheet memory bandwidth that elementwise and streaming kernels reach. */
  bandwidthFraction: number;
  /** Seconds an eager PyTorch step spends per kernel it issues (Python dispatch, autograd, launch): no kernel takes less. */
  launchSeconds: number;
}

/**
 * Fitted 2026-12 on 18 of the 26 H200 runs (the grid in bench/time.ts). Reading them: 70 % of peak is
 * what cuBLAS bf16 GEMMs reach on Hopper at these sizes; the attention fraction sits at the grid's top
 * and likely also absorbs elementwise work the SDPA path fuses; 32 µs per kernel is the whole eager cost
 * per op (Python dispatch, autograd node, PEFT's module wrappers), larger than a bare launch (~5 µs)
 * because microStep.ts counts kernels, not the Python calls around them. Small-model cases depend on it.
 */
export const TIME_PARAMETERS: TimeParameters = {
  matmulFraction: 0.7,
  attentionFraction: 0.75,
  bandwidthFraction: 0.6,
  launchSeconds: 32e-6,
};
