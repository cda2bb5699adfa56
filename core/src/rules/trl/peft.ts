/** The LoRA keys of ModelConfig, which only `use_peft: true` turns into a PEFT LoraConfig (get_peft_config). */
import type { Rule, RuleContext } from '../rule';
import { Reporter, isOn, present } from '../rule';
import { removeKeyFix, replaceValueFix } from '../fixes';

const LORA_KEYS = ['lora_r', 'lora_alpha', 'lora_dropout', 'lora_target_modules', 'lora_target_parameters', 'lora_modules_to_save', 'lora_task_type', 'use_rslora', 'use_dora'];

export const peft: Rule = {
  codes: {
    'trl/lora-option-without-peft': 'A LoRA key while `use_peft` is off, so TRL ignores it and trains every weight.',
    'trl/single-target-module': 'A one-element `lora_target_modules` list, which TRL turns into a regular expression.',
    'trl/default-target-modules': '`use_peft` without `lora_target_modules`, so PEFT picks its per-architecture default.',
    'trl/target-modules-string': '`lora_target_modules` written as a plain string, which PEFT reads as a regular expression over full module names.',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    if (!isOn(ctx, 'use_peft')) {
      for (const key of present(ctx, LORA_KEYS)) {
        if ((key === 'use_rslora' || key === 'use_dora') && !isOn(ctx, key)) continue;
        const how = ctx.config.use_peft === undefined ? 'there is no `use_peft: true`' : '`use_peft` is false';
        r.report('trl/lora-option-without-peft', 'warning', `\`${key}\` configures the LoRA adapter, but ${how}: TRL ignores every \`lora_*\` key and fine-tunes all weights. Add \`use_peft: true\` or remove it.`, [key], 'key', [removeKeyFix(ctx, key)]);
      }
      return r.issues;
    }
    targets(ctx, r);
    return r.issues;
  },
};

function targets(ctx: RuleContext, r: Reporter): void {
  const t = ctx.config.lora_target_modules;
  if (t === undefined || t === null) {
    r.report('trl/default-target-modules', 'info', 'No `lora_target_modules`: PEFT falls back to its default for the architecture, which for most models is only the attention projections (e.g. `q_proj`, `v_proj` for Llama). Use `[all-linear]` to adapt every linear layer.', ['use_peft']);
    return;
  }
  if (typeof t === 'string') {
    targetString(ctx, r, t);
    return;
  }
  if (!Array.isArray(t) || t.length !== 1 || t[0] === 'all-linear') return;
  const only = String(t[0]);
  r.report('trl/single-target-module', 'warning', `TRL turns a one-element \`lora_target_modules\` into the plain string "${only}", which PEFT reads as a regular expression that must match a whole module path (\`model.layers.0.self_attn.${only}\`): it only matches a top-level module of that exact name, otherwise PEFT stops with "Target modules not found". List two or more modules, or use \`[all-linear]\`.`, ['lora_target_modules'], 'value');
}

/** A string is a regular expression that must match whole module paths (`model.layers.0.self_attn.q_proj`). */
function targetString(ctx: RuleContext, r: Reporter, t: string): void {
  if (t === 'all-linear' || /[\\.*+?()[\]{}|^$]/.test(t)) return;
  const names = t.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length > 1 || t === 'all') {
    const value = t === 'all' ? 'all-linear' : names;
    const fix = replaceValueFix(ctx, 'lora_target_modules', value, t === 'all' ? 'Change to `all-linear`' : 'Write them as a list', true);
    const what = t === 'all' ? 'PEFT spells "every linear layer" `all-linear`; `all`' : `TRL does not split on commas; "${t}"`;
    r.report('trl/target-modules-string', 'error', `${what} is a regular expression that matches no module name, so PEFT stops ("Target modules ... not found"). ${t === 'all' ? 'Use `all-linear`.' : `Use a list: \`[${names.join(', ')}]\`.`}`, ['lora_target_modules'], 'value', [fix]);
    return;
  }
  r.report('trl/target-modules-string', 'warning', `"${t}" is read by PEFT as a regular expression over full module names (\`model.layers.0.self_attn.${t}\`), so it only matches a top-level module of exactly that name. Use a list (\`[${t}, ...]\`) or \`all-linear\`.`, ['lora_target_modules'], 'value');
}
