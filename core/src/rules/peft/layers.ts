/**
 * The target/layer checks most tuner configs share (`__post_init__`), and two ways a `target_modules`
 * value is valid but almost certainly not what was meant. Which checks a class runs differs, so the
 * table below lists them per peft_type as PEFT 0.21 has them.
 */
import type { Reporter } from '../rule';
import { truthy } from '../rule';
import type { Config } from './peftRule';
import { peftRule, peftTypeOf, setting } from './peftRule';

type LayerCheck = 'patternNeedsLayers' | 'stringWithLayers' | 'stringWithPattern';
const ALL: LayerCheck[] = ['patternNeedsLayers', 'stringWithLayers', 'stringWithPattern'];
const PATTERN_ONLY: LayerCheck[] = ['patternNeedsLayers'];
const STRING_ONLY: LayerCheck[] = ['stringWithLayers', 'stringWithPattern'];

const LAYER_CHECKS: Record<string, LayerCheck[]> = {
  LORA: ALL, ADALORA: ALL, FOURIERFT: ALL, HRA: ALL, DEFT: ALL, PSOFT: ALL, WAVEFT: ALL,
  LOHA: PATTERN_ONLY, LOKR: PATTERN_ONLY, OFT: PATTERN_ONLY, BOFT: PATTERN_ONLY, VERA: PATTERN_ONLY, VBLORA: PATTERN_ONLY,
  FROD: PATTERN_ONLY, LILY: PATTERN_ONLY, PEANUT: PATTERN_ONLY, PVERA: PATTERN_ONLY, TINYLORA: PATTERN_ONLY,
  MISS: STRING_ONLY, BONE: STRING_ONLY, C3A: STRING_ONLY, HIRA: STRING_ONLY, UNILORA: STRING_ONLY,
  DELORA: ['stringWithLayers', 'patternNeedsLayers'],
};

/** Methods without module-matching `target_modules` (one attention submodule name, embedding names, prompts, X-LoRA). */
const NOT_MODULE_TARGETS = new Set(['ADAPTION_PROMPT', 'TRAINABLE_TOKENS', 'XLORA', 'PROMPT_TUNING', 'MULTITASK_PROMPT_TUNING', 'P_TUNING', 'PREFIX_TUNING', 'CPT', 'CARTRIDGE']);

/** PEFT's placeholder for "adapt no module" (only `modules_to_save` or trainable tokens train). */
const DUMMY_TARGET_MODULES = 'dummy-target-modules';

export const layersRule = peftRule(
  null,
  {
    'peft/layers-pattern-needs-layers': '`layers_pattern` is set but `layers_to_transform` is not.',
    'peft/string-targets-layers-to-transform': '`layers_to_transform` cannot be combined with a regular-expression string in `target_modules`.',
    'peft/string-targets-layers-pattern': '`layers_pattern` cannot be combined with a regular-expression string in `target_modules`.',
    'peft/all-linear-in-list': '`all-linear` inside a list is taken as a module name, not the shorthand.',
    'peft/string-targets-plain-name': 'A string `target_modules` is a regular expression over full module names; a plain name matches almost nothing.',
    'peft/no-targets': '`target_modules` is an empty list and nothing else (`target_parameters`) is targeted.',
    'peft/all-targets-excluded': '`exclude_modules` excludes every entry of `target_modules`.',
  },
  (r, config) => {
    const checks = LAYER_CHECKS[peftTypeOf(config) ?? ''] ?? [];
    for (const check of checks) LAYER_REPORTERS[check](r, config);
    if (NOT_MODULE_TARGETS.has(peftTypeOf(config) ?? '')) return;
    targetShape(r, config);
    allExcluded(r, config);
  },
);

const LAYER_REPORTERS: Record<LayerCheck, (r: Reporter, config: Config) => void> = {
  patternNeedsLayers(r, config) {
    // PEFT tests truthiness, so `layers_to_transform: 0` or `[]` counts as unset too.
    if (truthy(setting(config, 'layers_pattern')) && !truthy(setting(config, 'layers_to_transform'))) {
      r.report('peft/layers-pattern-needs-layers', 'error', '`layers_pattern` only says where the layer index is; without `layers_to_transform` (an index or a non-empty list, and not 0) PEFT raises ValueError. Add `layers_to_transform` or remove `layers_pattern`.', ['layers_pattern']);
    }
  },
  stringWithLayers(r, config) {
    if (typeof config.target_modules === 'string' && setting(config, 'layers_to_transform') !== null) {
      r.report('peft/string-targets-layers-to-transform', 'error', '`layers_to_transform` cannot be used when `target_modules` is a string (a regular expression); PEFT raises ValueError. Give `target_modules` as a list, or encode the layers in the regular expression.', ['layers_to_transform']);
    }
  },
  stringWithPattern(r, config) {
    if (typeof config.target_modules === 'string' && setting(config, 'layers_pattern') !== null) {
      r.report('peft/string-targets-layers-pattern', 'error', '`layers_pattern` cannot be used when `target_modules` is a string (a regular expression); PEFT raises ValueError. Give `target_modules` as a list, or drop `layers_pattern`.', ['layers_pattern']);
    }
  },
};

function targetShape(r: Reporter, config: Config): void {
  const targets = config.target_modules;
  // Trainable tokens are injected on their own path; stay quiet rather than guess how PEFT counts them.
  const otherTargets = truthy(setting(config, 'target_parameters')) || truthy(setting(config, 'trainable_token_indices'));
  if (Array.isArray(targets) && targets.length === 0 && !otherTargets) {
    r.report('peft/no-targets', 'error', 'An empty `target_modules` list adapts nothing (unlike null, which means the architecture\'s default); with no `target_parameters` either, PEFT raises ValueError when it creates the adapter. List the modules, use "all-linear", or remove the key to use the default.', ['target_modules'], 'value');
  } else if (Array.isArray(targets)) {
    const i = targets.findIndex((t) => typeof t === 'string' && t.toLowerCase() === 'all-linear');
    // PEFT only fails when nothing at all matches: alone, the entry leaves nothing to adapt.
    if (i >= 0 && targets.length === 1 && !otherTargets) {
      r.report('peft/all-linear-in-list', 'error', '`all-linear` is only the shorthand as a plain string; inside a list PEFT looks for a module literally named "all-linear", finds none and raises ValueError ("Target modules ... not found") when it creates the adapter. Write `"target_modules": "all-linear"`.', ['target_modules', i], 'value');
    } else if (i >= 0) {
      r.report('peft/all-linear-in-list', 'warning', '`all-linear` is only the shorthand as a plain string; inside a list PEFT looks for a module literally named "all-linear" and adapts only the other entries. Write `"target_modules": "all-linear"` for every linear layer, or remove it from the list.', ['target_modules', i], 'value');
    }
  } else if (typeof targets === 'string' && targets.toLowerCase() !== 'all-linear' && targets !== DUMMY_TARGET_MODULES && /^[\w-]+$/.test(targets)) {
    r.report('peft/string-targets-plain-name', 'warning', `A string \`target_modules\` is a regular expression that must match the whole module name, so "${targets}" only matches a top-level module of exactly that name (not e.g. "model.layers.0.self_attn.${targets}"). Use a list (["${targets}"]) to match by name, or a regular expression such as ".*${targets}".`, ['target_modules'], 'value');
  }
}

/**
 * An exclude entry matches exactly the modules the same target entry matches (same list or regex
 * rules), so excluding every target entry leaves nothing to adapt, whatever the model.
 */
function allExcluded(r: Reporter, config: Config): void {
  const targets = config.target_modules;
  const excluded = config.exclude_modules;
  const everyList = Array.isArray(targets) && Array.isArray(excluded) && targets.length > 0 && targets.every((t) => excluded.includes(t));
  const sameRegex = typeof targets === 'string' && targets === excluded;
  if ((everyList || sameRegex) && !truthy(setting(config, 'target_parameters'))) {
    r.report('peft/all-targets-excluded', 'error', '`exclude_modules` removes every module `target_modules` selects, so nothing is adapted; PEFT raises ValueError ("No modules were targeted for adaptation") when it creates the adapter. Exclude fewer modules.', ['exclude_modules']);
  }
}
