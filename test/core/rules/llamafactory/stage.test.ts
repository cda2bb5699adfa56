import { stage } from '../../../../core/src/rules/llamafactory/stage';
import { lines, ruleTable } from '../ruleTable';

const base = ['model_name_or_path: Qwen/Qwen3-4B', 'dataset: alpaca_en_demo', 'template: qwen3'];

ruleTable('llamafactory stage', stage, '/p/lf.yaml', [
  ['SFT generation options', lines(...base, 'stage: sft', 'neat_packing: true', 'train_on_prompt: true'), []],
  ['neat_packing in pre-training', lines(...base, 'stage: pt', 'neat_packing: true'), ['llamafactory/sft-only-option@5']],
  ['mask_history in DPO', lines(...base, 'stage: dpo', 'mask_history: true'), ['llamafactory/sft-only-option@5']],
  ['prediction without generation', lines(...base, 'stage: sft', 'do_predict: true'), ['llamafactory/predict-needs-generate@5']],
  ['prediction with generation', lines(...base, 'stage: sft', 'do_predict: true', 'predict_with_generate: true'), []],
  ['best model in reward modelling', lines(...base, 'stage: rm', 'load_best_model_at_end: true'), ['llamafactory/best-model-stage@5']],
  ['PPO without a reward model', lines(...base, 'stage: ppo', 'do_train: true'), ['llamafactory/ppo-requirement@4']],
  ['complete PPO', lines(...base, 'stage: ppo', 'do_train: true', 'reward_model: saves/rm', 'report_to: wandb'), []],
  ['PPO full fine-tuning with the default LoRA reward model', lines(...base, 'stage: ppo', 'do_train: true', 'reward_model: saves/rm', 'finetuning_type: full'), ['llamafactory/ppo-requirement@4']],
  ['PPO with a full reward model', lines(...base, 'stage: ppo', 'do_train: true', 'reward_model: saves/rm', 'finetuning_type: full', 'reward_model_type: full'), []],
  ['PPO without do_train, with S2-Attn and mlflow', lines(...base, 'stage: ppo', 'reward_model: r', 'shift_attn: true', 'report_to: mlflow'), ['llamafactory/ppo-requirement@4', 'llamafactory/ppo-requirement@6', 'llamafactory/ppo-requirement@7']],
  ['cDPO smoothing with IPO', lines(...base, 'stage: dpo', 'pref_loss: ipo', 'dpo_label_smoothing: 0.1'), ['llamafactory/dpo-label-smoothing@6']],
  ['cDPO smoothing with sigmoid', lines(...base, 'stage: dpo', 'dpo_label_smoothing: 0.1'), []],
  ['PiSSA with DPO (reference model)', lines(...base, 'stage: dpo', 'pissa_init: true'), ['llamafactory/pissa-stage@5']],
  ['PiSSA with ORPO (no reference model)', lines(...base, 'stage: dpo', 'pref_loss: orpo', 'pissa_init: true'), []],
  ['PiSSA with KTO', lines(...base, 'stage: kto', 'pissa_init: true'), ['llamafactory/pissa-stage@5']],
]);
