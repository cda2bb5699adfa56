/**
 * What PEFT's loader does before any config class runs: it needs `peft_type` to pick the class, no
 * longer knows Bone, and drops a saved `runtime_config`.
 */
import { keyText } from '../../parse/tree';
import { PEFT_TYPE_PATH, isPresent, peftRule, peftTypeOf } from './peftRule';

export const peftTypeRule = peftRule(
  null,
  {
    'peft/missing-peft-type': 'No `peft_type`: PEFT cannot tell which config class to build.',
    'peft/removed-peft-type': '`peft_type` names a method PEFT has removed (Bone, replaced by MiSS in PEFT 0.19).',
    'peft/runtime-config-in-file': 'A saved `runtime_config`, which the loader drops with a warning.',
  },
  (r, config, ctx) => {
    if (!isPresent(config, 'peft_type')) {
      const first = ctx.root.entries[0];
      const path = first ? [keyText(first)] : [];
      r.report('peft/missing-peft-type', 'error', 'No `peft_type`: `PeftConfig.from_pretrained` and `PeftModel.from_pretrained` cannot tell which config class to build and fail. Add the method, e.g. `"peft_type": "LORA"`.', path);
    }
    if (peftTypeOf(config) === 'BONE') {
      r.report('peft/removed-peft-type', 'error', 'Bone was removed in PEFT 0.19, which cannot load `"peft_type": "BONE"`; its successor is MiSS. Convert the adapter with PEFT\'s `scripts/convert-bone-to-miss.py`, or pin PEFT 0.18.', PEFT_TYPE_PATH, 'value');
    }
    if (isPresent(config, 'runtime_config')) {
      r.report('peft/runtime-config-in-file', 'warning', '`runtime_config` only exists while a model runs; PEFT drops it from a saved file with a warning. Remove it and pass runtime options in code.', ['runtime_config']);
    }
  },
);
