/**
 * What the step-time model needs of each catalog GPU (core/src/estimate/gpus.ts): the peak dense
 * (no structured sparsity) 16-bit tensor-core rate, bf16 where the card has it and fp16 otherwise,
 * and the memory bandwidth, each from the vendor's datasheet named in `source`. Cards sold as
 * "up to X TFLOPS with sparsity" are listed at X/2.
 */

export interface GpuRates {
  /** Peak dense bf16 (fp16 on Volta/Turing) tensor TFLOPS, with fp32 accumulation where the vendor gives both. */
  tflops: number;
  /** Memory bandwidth in GB/s (1e9 bytes per second). */
  bandwidthGBs: number;
  source: string;
}

const NV = (doc: string) => `NVIDIA ${doc} datasheet`;

export const GPU_RATES: Readonly<Record<string, GpuRates>> = {
  T4: { tflops: 65, bandwidthGBs: 320, source: NV('Tesla T4 (fp16 tensor, mixed precision)') },
  'V100-16GB': { tflops: 125, bandwidthGBs: 900, source: NV('Tesla V100 SXM2 (fp16 tensor)') },
  'V100-32GB': { tflops: 125, bandwidthGBs: 900, source: NV('Tesla V100 SXM2 (fp16 tensor)') },
  A10G: { tflops: 125, bandwidthGBs: 600, source: NV('A10 (bf16 tensor 250 with sparsity); AWS does not publish A10G tensor rates, taken as the A10') },
  L4: { tflops: 121, bandwidthGBs: 300, source: NV('L4 (bf16 tensor 242 with sparsity)') },
  'RTX-3090': { tflops: 71, bandwidthGBs: 936, source: 'NVIDIA Ampere GA102 whitepaper (RTX 3090 fp16/bf16 tensor with fp32 accumulate)' },
  'RTX-4090': { tflops: 165.2, bandwidthGBs: 1008, source: 'NVIDIA Ada Lovelace architecture whitepaper (RTX 4090 fp16/bf16 tensor with fp32 accumulate)' },
  'RTX-5090': { tflops: 209.5, bandwidthGBs: 1792, source: 'NVIDIA RTX Blackwell GPU architecture whitepaper (RTX 5090 fp16/bf16 tensor with fp32 accumulate)' },
  'A100-40GB': { tflops: 312, bandwidthGBs: 1555, source: NV('A100 (bf16 tensor, SXM 40GB)') },
  'A100-80GB': { tflops: 312, bandwidthGBs: 2039, source: NV('A100 (bf16 tensor, SXM 80GB)') },
  A40: { tflops: 149.7, bandwidthGBs: 696, source: NV('A40 (bf16 tensor 299.4 with sparsity)') },
  'RTX-A6000': { tflops: 154.8, bandwidthGBs: 768, source: NV('RTX A6000 (tensor 309.7 with sparsity)') },
  'RTX-6000-Ada': { tflops: 364.2, bandwidthGBs: 960, source: NV('RTX 6000 Ada (fp16 tensor 728.5 with sparsity)') },
  L40S: { tflops: 362.05, bandwidthGBs: 864, source: NV('L40S (bf16 tensor 733 with sparsity)') },
  'H100-80GB': { tflops: 989.4, bandwidthGBs: 3350, source: NV('H100 SXM (bf16 tensor 1979 with sparsity)') },
  'H100-PCIe': { tflops: 756.5, bandwidthGBs: 2000, source: NV('H100 PCIe (bf16 tensor 1513 with sparsity)') },
  'H100-NVL': { tflops: 835.5, bandwidthGBs: 3900, source: NV('H100 NVL (bf16 tensor 1671 with sparsity)') },
  GH200: { tflops: 989.4, bandwidthGBs: 4000, source: NV('GH200 Grace Hopper Superchip (96GB HBM3)') },
  H20: { tflops: 148, bandwidthGBs: 4000, source: NV('H20 (bf16 tensor)') },
  'RTX-PRO-6000': { tflops: 503.8, bandwidthGBs: 1792, source: 'NVIDIA RTX PRO 6000 Blackwell datasheet (fp16/bf16 tensor with fp32 accumulate, dense)' },
  H200: { tflops: 989.4, bandwidthGBs: 4800, source: NV('H200 SXM (bf16 tensor 1979 with sparsity)') },
  B200: { tflops: 2250, bandwidthGBs: 8000, source: NV('HGX B200 (bf16 tensor 4.5 PFLOPS per GPU with sparsity)') },
  B300: { tflops: 2250, bandwidthGBs: 8000, source: NV('HGX B300 (bf16 tensor 4.5 PFLOPS per GPU with sparsity)') },
  MI250X: { tflops: 191.5, bandwidthGBs: 1638, source: 'AMD Instinct MI250X datasheet (bf16 383 TFLOPS and 3.2 TB/s per package of two GCDs; the catalog entry is one GCD)' },
  MI300X: { tflops: 1307.4, bandwidthGBs: 5300, source: 'AMD Instinct MI300X datasheet (bf16 dense)' },
  MI325X: { tflops: 1307.4, bandwidthGBs: 6000, source: 'AMD Instinct MI325X datasheet (bf16 dense)' },
};
