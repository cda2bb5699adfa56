/**
 * A model resolver for tests of editor features: a two-layer Llama-shaped inventory under one id.
 * Only the fields completion and hover read are filled in.
 */
import type { Architecture, ModelResolver } from '../../core/src/index';
import type { ModuleInfo } from '../../core/src/models/types';

export const TINY_LLAMA = 'tiny/llama';

function linear(name: string, inFeatures: number, outFeatures: number, layer?: number): ModuleInfo {
  return { name, type: 'Linear', inFeatures, outFeatures, bias: false, params: inFeatures * outFeatures, layer } as ModuleInfo;
}

function tinyLlama(): Architecture {
  const modules: ModuleInfo[] = [{ name: 'model.embed_tokens', type: 'Embedding', inFeatures: 1000, outFeatures: 64, bias: false, params: 64000 } as ModuleInfo];
  for (const layer of [0, 1]) {
    const p = `model.layers.${layer}`;
    modules.push(
      linear(`${p}.self_attn.q_proj`, 64, 64, layer),
      linear(`${p}.self_attn.k_proj`, 64, 16, layer),
      linear(`${p}.self_attn.v_proj`, 64, 16, layer),
      linear(`${p}.self_attn.o_proj`, 64, 64, layer),
      linear(`${p}.mlp.gate_proj`, 64, 256, layer),
      linear(`${p}.mlp.up_proj`, 64, 256, layer),
      linear(`${p}.mlp.down_proj`, 256, 64, layer),
    );
  }
  modules.push(linear('lm_head', 64, 1000));
  const totalParams = modules.reduce((n, m) => n + m.params, 0);
  return {
    id: TINY_LLAMA, source: 'catalog', modelType: 'llama', className: 'LlamaForCausalLM', config: {},
    hiddenSize: 64, numLayers: 2, numHeads: 4, numKvHeads: 1, headDim: 16, intermediateSize: 256, vocabSize: 1000,
    tieWordEmbeddings: false, maxPositions: 2048, modules, totalParams,
  } as Architecture;
}

export const fakeModels: ModelResolver = {
  async resolve(ref: string) {
    return ref === TINY_LLAMA ? { architecture: tinyLlama(), tried: ['catalog'] } : { tried: ['catalog'], reason: `${ref} is not in the test catalog.` };
  },
};
