/**
 * What DeepSpeed ZeRO-3 holds gathered at the start of backward, from DeepSpeed 0.16's
 * partitioned_param_coordinator.py and parameter_offload.py, on the model's modules in forward order:
 *   persistent  every parameter of at most `stage3_param_persistence_threshold` elements stays whole on
 *               every GPU from initialisation on (`ds_persist`): norms, biases;
 *   retained    after a module runs, its parameters are released unless the trace reaches their next
 *               use within `stage3_max_reuse_distance` elements (`__params_to_release` walks the modules
 *               after the current one, counting every parameter's elements, persistent ones included).
 *               At the end of forward that keeps the modules whose backward use is near: the output layer,
 *               then the top layers, as long as twice what runs after them (forward, then backward back
 *               down to them; under checkpointing each layer's recomputation runs before its backward)
 *               stays under the distance;
 *   prefetched  entering backward, the coordinator gathers the next modules of the trace that are not
 *               available until `stage3_prefetch_bucket_size` elements are in flight, and never more than
 *               `stage3_max_live_parameters` less what is already gathered (the last module may overshoot);
 *   current     the module computing (the output layer, for the logits' gradient) when it was not retained.
 * Gathered parameters are in the compute dtype. Adapters (LoRA's A and B) are left out: their elements
 * are small beside the base modules they sit on.
 *
 * Defaults: DeepSpeed's (max live 1e9, reuse 1e9, prefetch 5e7, persistence 1e5 elements), with HF's
 * "auto" filling prefetch 0.9·hidden² and persistence 10·hidden (transformers 5.17 integrations/deepspeed.py).
 */
import type { Architecture } from '../../models/types';
import { tensorsOf } from '../../models/inventory';

export interface Zero3Settings {
  prefetchElements: number;
  maxLiveElements: number;
  maxReuseElements: number;
  persistenceElements: number;
}

export interface Zero3Gathered {
  /** Elements of the parameters that never leave the GPU whole. */
  persistent: number;
  /** Elements kept gathered by the reuse distance, plus the module computing. */
  retained: number;
  /** Elements the prefetcher has in flight entering backward. */
  prefetched: number;
}

interface TracedModule {
  /** Identity of the parameters it uses (a tied output layer uses the embedding's). */
  id: string;
  /** Every parameter element it fetches (persistent ones too: the reuse walk counts them). */
  numel: number;
  /** Its parameter elements that are partitioned (not persistent). */
  partitioned: number;
  layer?: number;
}

function tracedModules(arch: Architecture, threshold: number): { modules: TracedModule[]; persistent: number } {
  let persistent = 0;
  const sizeOf = new Map<string, number[]>();
  for (const m of arch.modules) sizeOf.set(m.name, tensorsOf(m).map((t) => t.shape.reduce((a, b) => a * b, 1)));
  const modules: TracedModule[] = [];
  for (const m of arch.modules) {
    const own = sizeOf.get(m.name) ?? [];
    // A tied output layer fetches the embedding's weight as its own.
    const tied = m.tiedTo ? (sizeOf.get(m.tiedTo) ?? []).slice(0, 1) : [];
    const sizes = [...own, ...tied];
    if (sizes.length === 0) continue;
    persistent += own.filter((n) => n <= threshold).reduce((s, n) => s + n, 0);
    const partitioned = sizes.filter((n) => n > threshold).reduce((s, n) => s + n, 0);
    modules.push({ id: m.tiedTo ?? m.name, numel: sizes.reduce((s, n) => s + n, 0), partitioned, ...(m.layer !== undefined ? { layer: m.layer } : {}) });
  }
  return { modules, persistent };
}

/** The trace of one step: forward, then backward from the top, each checkpointed layer recomputed before its backward. */
function traceOf(forward: TracedModule[], gc: boolean): TracedModule[] {
  const backward: TracedModule[] = [];
  const reversed = [...forward].reverse();
  for (let i = 0; i < reversed.length; i++) {
    const m = reversed[i];
    if (gc && m.layer !== undefined && (i === 0 || reversed[i - 1].layer !== m.layer)) backward.push(...forward.filter((f) => f.layer === m.layer));
    backward.push(m);
  }
  return [...forward, ...backward];
}

export function zero3Gathered(arch: Architecture, settings: Zero3Settings, gc: boolean): Zero3Gathered {
  const { modules, persistent } = tracedModules(arch, settings.persistenceElements);
  const trace = traceOf(modules, gc);
  const endOfForward = modules.length;
  // Retained at the end of forward: each module's parameters, once it ran, if their next use (in
  // backward: a tied embedding's next use is the output layer, which decides for both) comes before
  // the walk has counted `maxReuse` elements.
  const retained = new Set<string>();
  for (let i = 0; i < endOfForward; i++) {
    let walked = 0;
    for (let j = i + 1; j < trace.length && walked < settings.maxReuseElements; j++) {
      if (trace[j].id !== trace[i].id) {
        walked += trace[j].numel;
        continue;
      }
      if (j >= endOfForward) retained.add(trace[i].id);
      break;
    }
  }
  const partitionedOf = new Map(modules.map((m) => [m.id, m.partitioned]));
  let held = [...retained].reduce((s, id) => s + (partitionedOf.get(id) ?? 0), 0);
  // The output layer computes the logits' gradient first: gathered now if it was not retained.
  const head = modules[modules.length - 1];
  if (head && !retained.has(head.id)) held += head.partitioned;
  const available = new Set([...retained, ...(head ? [head.id] : [])]);
  const limit = Math.min(settings.maxLiveElements - held, settings.prefetchElements);
  let prefetched = 0;
  for (let j = endOfForward + 1; j < trace.length && prefetched < limit; j++) {
    const m = trace[j];
    if (available.has(m.id) || m.partitioned === 0) continue;
    available.add(m.id);
    prefetched += m.partitioned;
  }
  return { persistent, retained: held, prefetched };
}
