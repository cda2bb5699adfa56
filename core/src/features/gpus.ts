/**
 * The GPU catalog behind the fit verdict, the largest-fit search and the GPU picker. Memory is the
 * total the driver reports for the card (nvidia-smi's "Total", in MiB), which is what the estimate's
 * device bytes (peak allocated + CUDA context + allocator reserve) are compared against.
 */

export interface Gpu {
  name: string;
  memoryBytes: number;
  description: string;
  /** Native bfloat16 (Ampere and newer); bf16 training on older cards fails or is emulated. */
  bf16: boolean;
}

const MIB = 1024 ** 2;

function gpu(name: string, mib: number, description: string, bf16 = true): Gpu {
  return { name, memoryBytes: mib * MIB, description, bf16 };
}

export const GPU_CATALOG: readonly Gpu[] = [
  gpu('B200', 183359, 'NVIDIA B200 (Blackwell), 192 GB HBM3e'),
  gpu('H200', 143771, 'NVIDIA H200 (Hopper), 141 GB HBM3e'),
  gpu('H100-94GB', 95830, 'NVIDIA H100 NVL (Hopper), 94 GB HBM3'),
  gpu('H100-80GB', 81559, 'NVIDIA H100 SXM/PCIe (Hopper), 80 GB HBM3'),
  gpu('A100-80GB', 81920, 'NVIDIA A100 (Ampere), 80 GB HBM2e'),
  gpu('A100-40GB', 40960, 'NVIDIA A100 (Ampere), 40 GB HBM2'),
  gpu('L40S', 46068, 'NVIDIA L40S (Ada), 48 GB GDDR6'),
  gpu('RTX-A6000', 49140, 'NVIDIA RTX A6000 (Ampere), 48 GB GDDR6'),
  gpu('RTX-5090', 32607, 'NVIDIA GeForce RTX 5090 (Blackwell), 32 GB GDDR7'),
  gpu('RTX-4090', 24564, 'NVIDIA GeForce RTX 4090 (Ada), 24 GB GDDR6X'),
  gpu('RTX-3090', 24576, 'NVIDIA GeForce RTX 3090 (Ampere), 24 GB GDDR6X'),
  gpu('A10G', 23028, 'NVIDIA A10G (Ampere, AWS g5), 24 GB GDDR6'),
  gpu('L4', 23034, 'NVIDIA L4 (Ada), 24 GB GDDR6'),
  gpu('V100-32GB', 32768, 'NVIDIA V100 (Volta), 32 GB HBM2, no bf16', false),
  gpu('V100-16GB', 16384, 'NVIDIA V100 (Volta), 16 GB HBM2, no bf16', false),
  gpu('T4', 15360, 'NVIDIA T4 (Turing), 16 GB GDDR6, no bf16', false),
];

/** Case- and separator-insensitive, so "h100 80gb" and "H100-80GB" name the same card. */
export function findGpu(name: string): Gpu | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  return GPU_CATALOG.find((g) => norm(g.name) === norm(name));
}
