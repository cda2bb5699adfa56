/** Every axolotl rule family, in the order their issues are most useful to read. */
import type { Rule } from '../rule';
import { adapterRules } from './adapter';
import { attentionRules } from './attention';
import { batchingRules } from './batching';
import { checkpointingRules } from './checkpointing';
import { datasetRules } from './datasets';
import { deprecatedRules } from './deprecated';
import { distributedRules } from './distributed';
import { evaluationRules } from './evaluation';
import { lossRules } from './loss';
import { optimizerRules } from './optimizer';
import { packingRules } from './packing';
import { pluginRules } from './plugins';
import { precisionRules } from './precision';
import { quantizationRules } from './quantization';
import { rlRules } from './rl';
import { rlDatasetRules } from './rlDatasets';

export const AXOLOTL_RULES: Rule[] = [
  adapterRules, quantizationRules, batchingRules, packingRules, precisionRules, checkpointingRules, optimizerRules,
  lossRules, distributedRules, attentionRules, datasetRules, evaluationRules, rlRules, rlDatasetRules, deprecatedRules, pluginRules,
];
