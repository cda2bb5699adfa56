/**
 * `AdaLoraConfig.__post_init__`: AdaLoRA plans a rank budget over the whole run, so it needs the run
 * length, leaves room for the pruning phase, and rejects the LoRA options it cannot honour.
 */
import type { Reporter } from '../rule';
import { truthy } from '../rule';
import type { Config } from './peftRule';
import { isNumber } from '../../formats/extractHelpers';
import { at, isPresent, peftRule, py, setting } from './peftRule';

export const adaloraRule = peftRule(
  ['ADALORA'],
  {
    'peft/adalora-dora': 'AdaLoRA does not support DoRA (`use_dora`).',
    'peft/adalora-loftq': 'AdaLoRA does not support LoftQ initialisation.',
    'peft/adalora-r-ignored': 'AdaLoRA ignores `r`; ranks come from `init_r` and `target_r`.',
    'peft/adalora-total-step': 'AdaLoRA needs a positive `total_step`.',
    'peft/adalora-orth-reg-negative': '`orth_reg_weight` must not be negative.',
    'peft/adalora-no-budget-phase': '`tinit` + `tfinal` leave no steps for the rank-budget phase.',
  },
  (r, config) => {
    if (truthy(setting(config, 'use_dora', false))) {
      r.report('peft/adalora-dora', 'error', 'AdaLoRA does not support DoRA: `use_dora: true` makes PEFT raise ValueError. Use `"peft_type": "LORA"` for DoRA, or turn it off.', ['use_dora']);
    }
    if (setting(config, 'init_lora_weights', true) === 'loftq' && truthy(setting(config, 'loftq_config', {}))) {
      r.report('peft/adalora-loftq', 'error', 'AdaLoRA does not support LoftQ: a LoftQ init with `loftq_config` makes PEFT raise ValueError. Use `"peft_type": "LORA"` for LoftQ.', ['loftq_config']);
    }
    const rank = setting(config, 'r', 8);
    if (isPresent(config, 'r') && rank !== 8) {
      r.report('peft/adalora-r-ignored', 'warning', `AdaLoRA ignores \`r\` (here ${py(rank)}) and warns: every matrix starts at \`init_r\` and is pruned towards \`target_r\`. Set those instead and leave \`r\` at 8 or remove it.`, ['r']);
    }
    const orth = setting(config, 'orth_reg_weight', 0.5);
    if (isNumber(orth) && orth < 0) {
      r.report('peft/adalora-orth-reg-negative', 'error', `\`orth_reg_weight\` must be 0 or more (here ${orth}); PEFT raises ValueError.`, ['orth_reg_weight'], 'value');
    }
    budget(r, config);
  },
);

function budget(r: Reporter, config: Config): void {
  const total = setting(config, 'total_step');
  if (!isNumber(total) || total <= 0) {
    const written = isPresent(config, 'total_step');
    r.report('peft/adalora-total-step', 'error', `AdaLoRA plans its rank pruning over the whole run and needs \`total_step\`, the number of training steps, as a positive integer${written ? ` (here ${py(total)})` : ''}; otherwise PEFT raises ValueError. Set it to your run's step count.`, at(config, 'total_step'), written ? 'value' : 'key');
    return;
  }
  const tinit = setting(config, 'tinit', 0);
  const tfinal = setting(config, 'tfinal', 0);
  if (isNumber(tinit) && isNumber(tfinal) && tinit >= total - tfinal) {
    r.report('peft/adalora-no-budget-phase', 'error', `AdaLoRA needs steps between the warm-up and the final phase to reallocate ranks: \`tinit\` (${tinit}) must be below \`total_step\` − \`tfinal\` (${total} − ${tfinal} = ${total - tfinal}); PEFT raises ValueError. Lower \`tinit\`/\`tfinal\` or raise \`total_step\`.`, at(config, 'tinit'));
  }
}
