/**
 * GPUs the memory estimate can be checked against. `bytes` is the memory the driver reports as the
 * device total (nvidia-smi "Total", rocm-smi "VRAM Total"), which is a little below the marketing
 * figure (an "80 GB" H100 reports 81559 MiB; a B200 sold as 192 GB reports about 180 GiB).
 */

/** NVIDIA by architecture (compute capability 7.0, 7.5, 8.0/8.6, 8.9, 9.0, 10.x/12.x); AMD Instinct by CDNA generation (gfx90a, gfx942). */
export type GpuFamily = 'volta' | 'turing' | 'ampere' | 'ada' | 'hopper' | 'blackwell' | 'cdna2' | 'cdna3';

export interface GpuSpec {
  /** Canonical name, as `peftLens.gpu` and `--gpu` accept it. */
  name: string;
  bytes: number;
  /** Other spellings people use (matched case-insensitively, ignoring spaces, dashes and underscores). */
  aliases: string[];
  vendor: 'nvidia' | 'amd';
  /** The chip generation the device constants (memory/deviceConstants.ts) are kept per. */
  family: GpuFamily;
  /** Whether the card computes in bfloat16 (Volta and Turing, e.g. V100 and T4, do not: bf16 training fails or crawls). */
  bf16: boolean;
}

const MiB = 2 ** 20;

export const GPUS: readonly GpuSpec[] = [
  { name: 'T4', bytes: 15360 * MiB, aliases: ['Tesla T4', 'T4-16GB'], family: 'turing', vendor: 'nvidia', bf16: false },
  { name: 'V100-16GB', bytes: 16384 * MiB, aliases: ['V100', 'V100 16GB', 'Tesla V100'], family: 'volta', vendor: 'nvidia', bf16: false },
  { name: 'V100-32GB', bytes: 32768 * MiB, aliases: ['V100 32GB', 'V100S'], family: 'volta', vendor: 'nvidia', bf16: false },
  { name: 'A10G', bytes: 23028 * MiB, aliases: ['A10G-24GB', 'A10'], family: 'ampere', vendor: 'nvidia', bf16: true },
  { name: 'L4', bytes: 23034 * MiB, aliases: ['L4-24GB'], family: 'ada', vendor: 'nvidia', bf16: true },
  { name: 'RTX-3090', bytes: 24576 * MiB, aliases: ['3090', 'GeForce RTX 3090', 'RTX3090'], family: 'ampere', vendor: 'nvidia', bf16: true },
  { name: 'RTX-4090', bytes: 24564 * MiB, aliases: ['4090', 'GeForce RTX 4090', 'RTX4090'], family: 'ada', vendor: 'nvidia', bf16: true },
  { name: 'RTX-5090', bytes: 32607 * MiB, aliases: ['5090', 'GeForce RTX 5090', 'RTX5090'], family: 'blackwell', vendor: 'nvidia', bf16: true },
  { name: 'A100-40GB', bytes: 40960 * MiB, aliases: ['A100 40GB', 'A100-SXM4-40GB', 'A100-PCIE-40GB'], family: 'ampere', vendor: 'nvidia', bf16: true },
  { name: 'A100-80GB', bytes: 81920 * MiB, aliases: ['A100', 'A100 80GB', 'A100-SXM4-80GB', 'A100-PCIE-80GB', 'A800'], family: 'ampere', vendor: 'nvidia', bf16: true },
  { name: 'A40', bytes: 46068 * MiB, aliases: ['A40-48GB'], family: 'ampere', vendor: 'nvidia', bf16: true },
  { name: 'RTX-A6000', bytes: 49140 * MiB, aliases: ['A6000', 'RTX A6000'], family: 'ampere', vendor: 'nvidia', bf16: true },
  { name: 'RTX-6000-Ada', bytes: 49140 * MiB, aliases: ['RTX 6000 Ada', '6000 Ada'], family: 'ada', vendor: 'nvidia', bf16: true },
  { name: 'L40S', bytes: 46068 * MiB, aliases: ['L40S-48GB', 'L40'], family: 'ada', vendor: 'nvidia', bf16: true },
  { name: 'H100-80GB', bytes: 81559 * MiB, aliases: ['H100', 'H100 SXM', 'H100-SXM', 'H100-SXM5-80GB', 'H800'], family: 'hopper', vendor: 'nvidia', bf16: true },
  { name: 'H100-PCIe', bytes: 81559 * MiB, aliases: ['H100 PCIe', 'H100-PCIE-80GB'], family: 'hopper', vendor: 'nvidia', bf16: true },
  { name: 'H100-NVL', bytes: 95830 * MiB, aliases: ['H100 NVL', 'H100-94GB'], family: 'hopper', vendor: 'nvidia', bf16: true },
  { name: 'GH200', bytes: 97871 * MiB, aliases: ['GH200-96GB'], family: 'hopper', vendor: 'nvidia', bf16: true },
  { name: 'H20', bytes: 97871 * MiB, aliases: ['H20-96GB'], family: 'hopper', vendor: 'nvidia', bf16: true },
  { name: 'RTX-PRO-6000', bytes: 97887 * MiB, aliases: ['RTX PRO 6000', 'RTX PRO 6000 Blackwell'], family: 'blackwell', vendor: 'nvidia', bf16: true },
  { name: 'H200', bytes: 143771 * MiB, aliases: ['H200 SXM', 'H200-141GB', 'H200 NVL'], family: 'hopper', vendor: 'nvidia', bf16: true },
  { name: 'B200', bytes: 183359 * MiB, aliases: ['B200-192GB', 'B200 SXM'], family: 'blackwell', vendor: 'nvidia', bf16: true },
  { name: 'B300', bytes: 275040 * MiB, aliases: ['B300-288GB', 'B300 SXM'], family: 'blackwell', vendor: 'nvidia', bf16: true },
  { name: 'MI250X', bytes: 65520 * MiB, aliases: ['MI250X GCD', 'MI250'], family: 'cdna2', vendor: 'amd', bf16: true },
  { name: 'MI300X', bytes: 196592 * MiB, aliases: ['MI300X-192GB'], family: 'cdna3', vendor: 'amd', bf16: true },
  { name: 'MI325X', bytes: 262128 * MiB, aliases: ['MI325X-256GB'], family: 'cdna3', vendor: 'amd', bf16: true },
];

const squash = (s: string) => s.toLowerCase().replace(/[\s_\-]/g, '');

/** The catalog entry for a name or alias, or undefined. "80GB"-style suffixes are part of names. */
export function findGpu(name: string): GpuSpec | undefined {
  const key = squash(name);
  return GPUS.find((g) => squash(g.name) === key || g.aliases.some((a) => squash(a) === key));
}
