import { data } from '../../../../core/src/rules/llamafactory/data';
import { lines, ruleTable } from '../ruleTable';

const base = ['model_name_or_path: Qwen/Qwen3-4B', 'stage: sft', 'template: qwen3'];

ruleTable('llamafactory data', data, '/p/lf.yaml', [
  ['training with a dataset', lines(...base, 'do_train: true', 'dataset: alpaca_en_demo'), []],
  ['training without a dataset', lines(...base, 'do_train: true'), ['llamafactory/train-needs-dataset@4']],
  ['training from tokenized data', lines(...base, 'do_train: true', 'tokenized_path: saves/tok'), []],
  ['evaluating without evaluation data', lines(...base, 'do_train: true', 'dataset: a', 'do_eval: true'), ['llamafactory/eval-needs-dataset@6']],
  ['eval_strategy turns evaluation on', lines(...base, 'do_train: true', 'dataset: a', 'eval_strategy: steps'), ['llamafactory/eval-needs-dataset@6']],
  ['evaluating on a split of the data', lines(...base, 'do_train: true', 'dataset: a', 'val_size: 0.1', 'eval_strategy: steps'), []],
  ['val_size with eval_dataset', lines(...base, 'dataset: a', 'eval_dataset: b', 'val_size: 0.1'), ['llamafactory/val-size-conflict@6']],
  ['val_size without dataset', lines(...base, 'val_size: 0.1'), ['llamafactory/val-size-conflict@4']],
  ['generation without eval_dataset, with accuracy', lines(...base, 'dataset: a', 'val_size: 0.1', 'do_eval: true', 'predict_with_generate: true', 'compute_accuracy: true'), ['llamafactory/generate-options@7', 'llamafactory/generate-options@8']],
  ['interleave probabilities with concat', lines(...base, 'dataset: a,b', 'interleave_probs: 0.5,0.5'), ['llamafactory/interleave-probs@5']],
  ['interleave probabilities of the wrong count', lines(...base, 'dataset: a,b,c', 'mix_strategy: interleave_under', 'interleave_probs: 0.5,0.5'), ['llamafactory/interleave-probs@6']],
  ['interleave probabilities as a list', lines(...base, 'dataset: [a, b]', 'mix_strategy: interleave_over', 'interleave_probs: [0.3, 0.7]'), []],
  ['streaming with a fraction, max_samples, no max_steps', lines(...base, 'do_train: true', 'dataset: a', 'streaming: true', 'val_size: 0.1', 'max_samples: 100'), ['llamafactory/streaming-options@6', 'llamafactory/streaming-options@7', 'llamafactory/streaming-options@8']],
  ['streaming done right', lines(...base, 'do_train: true', 'dataset: a', 'streaming: true', 'max_steps: 1000', 'val_size: 500'), []],
  ['mask_history with train_on_prompt', lines(...base, 'mask_history: true', 'train_on_prompt: true'), ['llamafactory/mask-history-train-on-prompt@4']],
  ['image max below min', lines(...base, 'image_max_pixels: 512', 'image_min_pixels: 1024'), ['llamafactory/pixels-range@4']],
  ['video max below the default min', lines(...base, 'video_max_pixels: 128'), ['llamafactory/pixels-range@4']],
]);
