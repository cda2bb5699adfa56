/** `XLoraConfig.__post_init__`: nothing raises, but PEFT warns and fills in or ignores values. */
import { isNumber } from '../../formats/extractHelpers';
import { at, peftRule, setting } from './peftRule';

export const xloraRule = peftRule(
  ['XLORA'],
  {
    'peft/xlora-hidden-size': '`hidden_size` is missing; PEFT assumes 4096.',
    'peft/xlora-no-adapters': '`adapters` is missing; X-LoRA gets no experts.',
    'peft/xlora-topk-without-k': '`enable_softmax_topk` without `top_k_lora`.',
    'peft/xlora-softmax-both': '`enable_softmax_topk` together with `enable_softmax`.',
    'peft/xlora-topk-below-one': '`top_k_lora` is below 1.',
  },
  (r, config) => {
    if (setting(config, 'hidden_size') === null) {
      r.report('peft/xlora-hidden-size', 'warning', 'No `hidden_size`: PEFT warns and assumes 4096, which breaks the classifier for models of another width. Set it to the base model\'s hidden size.', at(config, 'hidden_size'));
    }
    if (setting(config, 'adapters') === null) {
      r.report('peft/xlora-no-adapters', 'warning', 'No `adapters`: PEFT warns and uses an empty mapping, so X-LoRA has no experts to mix. List the trained LoRA adapters as name → path.', at(config, 'adapters'));
    }
    const topk = setting(config, 'enable_softmax_topk', false) === true;
    const k = setting(config, 'top_k_lora');
    if (topk && k === null) {
      r.report('peft/xlora-topk-without-k', 'warning', '`enable_softmax_topk` needs `top_k_lora`; without it PEFT warns and the option has no effect. Set `top_k_lora`.', ['enable_softmax_topk']);
    }
    if (topk && setting(config, 'enable_softmax', true) === true) {
      r.report('peft/xlora-softmax-both', 'warning', '`enable_softmax_topk` and `enable_softmax` (true by default) both normalise the expert weights; PEFT warns. Set `"enable_softmax": false` when using the top-k softmax.', ['enable_softmax_topk']);
    }
    if (isNumber(k) && k < 1) {
      r.report('peft/xlora-topk-below-one', 'warning', `\`top_k_lora\` (${k}) selects no expert; PEFT warns. Use 1 or more, or null for all experts.`, ['top_k_lora'], 'value');
    }
  },
);
