/**
 * `LoraConfig.__post_init__` (also run by AdaLoRA, whose config extends it) and the LoRA layer checks
 * that a config alone decides. The LoftQ/EVA/CorDA branches form one if/elif chain in PEFT, so only the
 * first that applies speaks.
 */
import type { Reporter } from '../rule';
import { truthy } from '../rule';
import type { Config } from './peftRule';
import { isNumber } from '../../formats/extractHelpers';
import { at, peftRule, peftTypeOf, py, setting } from './peftRule';

const LORA_TYPES = ['LORA', 'ADALORA'];

export const loraRule = peftRule(
  LORA_TYPES,
  {
    'peft/dora-megatron': 'DoRA (`use_dora`) is not supported together with `megatron_config`.',
    'peft/loftq-needs-config': '`init_lora_weights: "loftq"` without a non-empty `loftq_config`.',
    'peft/lora-bias-init': '`lora_bias` with an `init_lora_weights` other than true/false.',
    'peft/dora-lora-bias': '`lora_bias` together with DoRA (`use_dora`).',
    'peft/loftq-config-ignored': '`loftq_config` is set but `init_lora_weights` is not "loftq"; PEFT empties it.',
    'peft/eva-config-default': '`init_lora_weights: "eva"` without `eva_config`; PEFT uses the default EvaConfig.',
    'peft/eva-config-ignored': '`eva_config` is set but `init_lora_weights` is not "eva"; it is ignored.',
    'peft/corda-config-default': '`init_lora_weights: "corda"` without `corda_config`; PEFT uses the default CordaConfig.',
    'peft/corda-config-ignored': '`corda_config` is set but `init_lora_weights` is not "corda"; it is ignored.',
    'peft/alora-task-type': 'Activated LoRA (`alora_invocation_tokens`) on a task type other than CAUSAL_LM.',
    'peft/rslora-pattern-conversion': 'rsLoRA with rank/alpha patterns and a PiSSA/OLoRA/CorDA/LoRA-GA init cannot be converted back to plain LoRA.',
    'peft/bdlora-overlap': 'A module is listed in both BD-LoRA lists (`target_modules_bd_a` and `target_modules_bd_b`).',
    'peft/orthogonal-odd-rank': '`init_lora_weights: "orthogonal"` needs an even `r`.',
    'peft/lora-ga-needs-config': '`init_lora_weights: "lora_ga"` without `lora_ga_config`.',
  },
  (r, config) => {
    const init = setting(config, 'init_lora_weights', true);
    const useDora = truthy(setting(config, 'use_dora', false));
    if (useDora && truthy(setting(config, 'megatron_config'))) {
      r.report('peft/dora-megatron', 'error', 'DoRA does not support Megatron layers: with `megatron_config` set, `use_dora: true` makes PEFT raise ValueError. Turn one of them off.', ['use_dora']);
    }
    initChain(r, config, init);
    if (truthy(setting(config, 'lora_bias', false))) {
      if (init !== true && init !== false) {
        r.report('peft/lora-bias-init', 'error', `\`lora_bias\` only works with the default initialisations (\`init_lora_weights\` true or false); with ${py(init)} PEFT raises ValueError. Drop \`lora_bias\` or use the default init.`, ['lora_bias']);
      }
      if (useDora) {
        r.report('peft/dora-lora-bias', 'error', '`lora_bias` cannot be combined with DoRA: PEFT raises ValueError. Turn off `lora_bias` or `use_dora`.', ['lora_bias']);
      }
    }
    aloraTaskType(r, config);
    rsloraConversion(r, config, init);
    bdloraOverlap(r, config);
    orthogonalRank(r, config, init);
    if (init === 'lora_ga' && peftTypeOf(config) === 'LORA' && setting(config, 'lora_ga_config') === null) {
      r.report('peft/lora-ga-needs-config', 'error', '`init_lora_weights: "lora_ga"` needs `lora_ga_config` (and the gradient estimates it describes); without it PEFT raises ValueError when it creates the adapter. Add e.g. `"lora_ga_config": {"direction": "ArB2r", "scale": "stable"}`.', ['init_lora_weights'], 'value');
    }
  },
);

function initChain(r: Reporter, config: Config, init: unknown): void {
  const loftq = setting(config, 'loftq_config', {});
  const eva = setting(config, 'eva_config');
  const corda = setting(config, 'corda_config');
  if (init === 'loftq') {
    if (!truthy(loftq)) {
      r.report('peft/loftq-needs-config', 'error', '`init_lora_weights: "loftq"` needs the LoftQ options: with an empty or missing `loftq_config` PEFT raises ValueError. Add e.g. `"loftq_config": {"loftq_bits": 4, "loftq_iter": 1}`.', ['init_lora_weights'], 'value');
    }
  } else if (truthy(loftq)) {
    r.report('peft/loftq-config-ignored', 'warning', `\`loftq_config\` is only used with \`init_lora_weights: "loftq"\` (here ${py(init)}); PEFT empties it with a warning. Remove it, or set \`init_lora_weights\` to "loftq".`, ['loftq_config']);
  } else if (init === 'eva' && eva === null) {
    r.report('peft/eva-config-default', 'info', '`init_lora_weights: "eva"` without `eva_config`: PEFT uses the default EVA options and warns. Add `eva_config` to choose them explicitly.', ['init_lora_weights'], 'value');
  } else if (init !== 'eva' && eva !== null) {
    r.report('peft/eva-config-ignored', 'warning', `\`eva_config\` is only used with \`init_lora_weights: "eva"\` (here ${py(init)}); PEFT ignores it with a warning. Remove it, or set \`init_lora_weights\` to "eva".`, ['eva_config']);
  } else if (init === 'corda' && corda === null) {
    r.report('peft/corda-config-default', 'info', '`init_lora_weights: "corda"` without `corda_config`: PEFT uses the default CorDA options and warns. Add `corda_config` to choose them explicitly.', ['init_lora_weights'], 'value');
  } else if (init !== 'corda' && corda !== null) {
    r.report('peft/corda-config-ignored', 'warning', `\`corda_config\` is only used with \`init_lora_weights: "corda"\` (here ${py(init)}); PEFT ignores it with a warning. Remove it, or set \`init_lora_weights\` to "corda".`, ['corda_config']);
  }
}

function aloraTaskType(r: Reporter, config: Config): void {
  const task = setting(config, 'task_type');
  if (setting(config, 'alora_invocation_tokens') !== null && task !== 'CAUSAL_LM') {
    r.report('peft/alora-task-type', 'warning', `Activated LoRA (\`alora_invocation_tokens\`) is meant for causal language models; with \`task_type\` ${py(task)} PEFT warns and the invocation logic may not apply. Set \`"task_type": "CAUSAL_LM"\`.`, ['alora_invocation_tokens']);
  }
}

function rsloraConversion(r: Reporter, config: Config, init: unknown): void {
  const patterns = truthy(setting(config, 'rank_pattern', {})) || truthy(setting(config, 'alpha_pattern', {}));
  const converting = (typeof init === 'string' && init.startsWith('pissa')) || init === 'olora' || init === 'corda' || init === 'lora_ga';
  if (truthy(setting(config, 'use_rslora', false)) && patterns && converting) {
    r.report('peft/rslora-pattern-conversion', 'warning', `With \`use_rslora\`, \`rank_pattern\`/\`alpha_pattern\` and the ${py(init)} init, PEFT warns that the trained adapter cannot later be converted into a plain LoRA (the conversion assumes one scaling rule). Drop the patterns or rsLoRA if you need that conversion.`, ['use_rslora']);
  }
}

function bdloraOverlap(r: Reporter, config: Config): void {
  const bd = setting(config, 'use_bdlora');
  if (!bd || typeof bd !== 'object' || Array.isArray(bd)) return;
  const a = (bd as Config).target_modules_bd_a;
  const b = (bd as Config).target_modules_bd_b;
  if (!Array.isArray(a) || !Array.isArray(b)) return;
  const i = b.findIndex((name) => a.includes(name));
  if (i >= 0) {
    r.report('peft/bdlora-overlap', 'error', `"${String(b[i])}" is in both \`target_modules_bd_a\` and \`target_modules_bd_b\`; a module cannot have both factors block-diagonal, and PEFT raises ValueError. Keep it in one list.`, ['use_bdlora', 'target_modules_bd_b', i], 'value');
  }
}

function orthogonalRank(r: Reporter, config: Config, init: unknown): void {
  const rank = setting(config, 'r', 8);
  if (init === 'orthogonal' && peftTypeOf(config) === 'LORA' && isNumber(rank) && rank % 2 !== 0) {
    r.report('peft/orthogonal-odd-rank', 'error', `The orthogonal init builds A and B from one square orthogonal matrix split in half, so \`r\` must be even; with r = ${rank} PEFT raises ValueError when it creates the adapter. Use an even rank.`, at(config, 'r'), 'value');
  }
}
