/**
 * The fit verdict of one document on every GPU of the catalog, for the GPU picker: the estimate is run
 * per card (device constants and the verdict depend on it), each memoised like any other estimate.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { estimate } from './estimate';
import type { FitVerdictKind } from './fit';
import { fitVerdict, requiredBytes } from './fit';
import { GPU_CATALOG } from './gpus';

export interface GpuFit {
  gpu: string;
  verdict: FitVerdictKind;
  /** What one GPU must hold, where there is an estimate. */
  requiredBytes?: number;
}

export async function fitsPerGpu(doc: ConfigDoc, ctx: Context): Promise<GpuFit[]> {
  if (!doc.format || doc.skipped) return [];
  const out: GpuFit[] = [];
  for (const gpu of GPU_CATALOG) {
    const result = await estimate(doc, ctx, { gpu: gpu.name });
    if (!result.memory) return [];
    const gpus = result.plan?.training.gpus?.value ?? ctx.settings.gpuCount;
    const fit = fitVerdict(result.memory, ctx.settings, gpu.name, gpus);
    out.push({ gpu: gpu.name, verdict: fit.verdict, requiredBytes: requiredBytes(result.memory) });
  }
  return out;
}
