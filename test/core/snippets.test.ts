/**
 * Every method snippet, expanded with its defaults and inserted (merged) into a minimal config of its
 * format, passes `check` with zero errors, whatever schemas and rules the formats have by now; on its
 * own in a new file it is detected as its format; and the method picker offers, per format, exactly
 * the snippets that exist.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { methodIds, methodsFor } from '../../core/src/docs/methods';
import { expandSnippet, SNIPPET_PREFIX, snippetsOf } from '../../core/src/docs/snippets';
import type { FormatId } from '../../core/src/index';
import { applyInsertion, insertMethod } from '../../core/src/features/insertMethod';
import { check, FORMAT_IDS } from '../../core/src/index';
import { ctx, doc } from '../helpers/fixtures';

const MODEL = 'meta-llama/Llama-3.2-1B';

/** Minimal configs each tool starts from, without the method keys the snippets bring. */
const HOSTS: Record<FormatId, { path: string; wrap(snippet: string): string }> = {
  'peft-adapter': { path: '/ws/adapter/adapter_config.json', wrap: (s) => s },
  axolotl: {
    path: '/ws/axolotl/train.yml',
    wrap: (s) =>
      `base_model: ${MODEL}\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\noutput_dir: ./outputs/run\nsequence_len: 2048\nmicro_batch_size: 1\ngradient_accumulation_steps: 4\nnum_epochs: 1\nlearning_rate: 0.0002\nbf16: auto\n${s}\n`,
  },
  llamafactory: {
    path: '/ws/llamafactory/sft.yaml',
    wrap: (s) =>
      `model_name_or_path: ${MODEL}\nstage: sft\ndo_train: true\n${s}\ndataset: alpaca_en_demo\ntemplate: llama3\ncutoff_len: 2048\noutput_dir: saves/llama3.2-1b/sft\nper_device_train_batch_size: 1\ngradient_accumulation_steps: 8\nlearning_rate: 1.0e-4\nnum_train_epochs: 3.0\nbf16: true\n`,
  },
  torchtune: {
    path: '/ws/torchtune/config.yaml',
    wrap: (s) =>
      [
        'output_dir: /tmp/torchtune/llama3_2_1B/run',
        s,
        'tokenizer:\n  _component_: torchtune.models.llama3.llama3_tokenizer\n  path: /tmp/Llama-3.2-1B/original/tokenizer.model\n  max_seq_len: null',
        'checkpointer:\n  _component_: torchtune.training.FullModelHFCheckpointer\n  checkpoint_dir: /tmp/Llama-3.2-1B/\n  checkpoint_files: [model.safetensors]\n  recipe_checkpoint: null\n  output_dir: ${output_dir}\n  model_type: LLAMA3_2',
        'resume_from_checkpoint: False\nsave_adapter_weights_only: False',
        'dataset:\n  _component_: torchtune.datasets.alpaca_cleaned_dataset\n  packed: False\nseed: null\nshuffle: True\nbatch_size: 2',
        'optimizer:\n  _component_: torch.optim.AdamW\n  fused: True\n  weight_decay: 0.01\n  lr: 3e-4',
        'lr_scheduler:\n  _component_: torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup\n  num_warmup_steps: 100',
        'loss:\n  _component_: torchtune.modules.loss.LinearCrossEntropyLoss',
        'epochs: 1\nmax_steps_per_epoch: null\ngradient_accumulation_steps: 8\nclip_grad_norm: null\ncompile: False',
        'metric_logger:\n  _component_: torchtune.training.metric_logging.DiskLogger\n  log_dir: ${output_dir}/logs\nlog_every_n_steps: 1\nlog_peak_memory_stats: True\nlog_level: INFO',
        'device: cuda\ndtype: bf16\nenable_activation_checkpointing: True\nenable_activation_offloading: False',
      ].join('\n') + '\n',
  },
  trl: {
    path: '/ws/trl/sft.yaml',
    wrap: (s) =>
      `model_name_or_path: ${MODEL}\ndataset_name: trl-lib/Capybara\n${s}\nlearning_rate: 2.0e-4\nnum_train_epochs: 1\nper_device_train_batch_size: 2\ngradient_accumulation_steps: 8\nmax_length: 2048\nbf16: true\noutput_dir: outputs/sft\n`,
  },
};

const methodOf = (format: FormatId, prefix: string) => prefix.slice(SNIPPET_PREFIX[format].length + 1).replace(/-/g, '_');

describe('snippets inserted into a minimal config pass check with zero errors', () => {
  for (const format of FORMAT_IDS) {
    for (const snippet of snippetsOf(format)) {
      test(`${snippet.prefix}`, async () => {
        const expanded = expandSnippet(snippet.body);
        assert.doesNotMatch(expanded, /\$\{?\d/, 'placeholders left after expansion');
        // The way the editor inserts it: merged into the host's keys by Insert Fine-Tuning Method.
        const host = doc(HOSTS[format].path, HOSTS[format].wrap(''));
        const answer = await insertMethod(host, methodOf(format, snippet.prefix), ctx(), { format });
        assert.ok(answer.ok, answer.ok ? '' : answer.reason);
        const text = applyInsertion(host.text, answer.merge);
        const d = doc(HOSTS[format].path, text);
        assert.equal(d.format, format, 'recognised as its format');
        assert.deepEqual(d.syntaxIssues, []);
        const errors = (await check(d, ctx())).filter((i) => i.severity === 'error');
        assert.deepEqual(errors.map((e) => `${e.code}: ${e.message}`), [], text);
      });
    }
  }
});

describe('every snippet on its own, in a new file, is detected as its format', () => {
  // A name that says nothing (not adapter_config.json, no *.axolotl.yml): the content alone must tell.
  for (const format of FORMAT_IDS) {
    for (const snippet of snippetsOf(format)) {
      test(`${snippet.prefix}`, () => {
        const d = doc(format === 'peft-adapter' ? '/ws/new.json' : '/ws/new.yaml', expandSnippet(snippet.body));
        assert.deepEqual(d.syntaxIssues, []);
        assert.equal(d.format, format);
      });
    }
  }
});

describe('snippet files and the method picker agree', () => {
  test('every snippet is named <format>-<method> for a method the picker knows', () => {
    const ids = new Set(methodIds().map((id) => id.replace(/_/g, '-')));
    for (const format of FORMAT_IDS) {
      for (const s of snippetsOf(format)) {
        const [prefix, ...rest] = s.prefix.split('-');
        assert.equal(prefix, SNIPPET_PREFIX[format]);
        assert.ok(ids.has(rest.join('-')), s.prefix);
      }
    }
  });

  test('a method is either supported with its snippet or explained, in every format', () => {
    for (const format of FORMAT_IDS) {
      for (const m of methodsFor(format)) {
        if (m.supported) assert.ok(m.snippet?.body, `${format} ${m.id}`);
        else assert.ok(m.reason && !/No snippet/.test(m.reason), `${format} ${m.id}: ${m.reason}`);
      }
    }
  });

  test('the methods the brief names exist in the formats that can express them', () => {
    const supported = (format: FormatId) => methodsFor(format).filter((m) => m.supported).map((m) => m.id);
    assert.deepEqual(supported('peft-adapter'), ['lora', 'dora', 'rslora', 'pissa', 'adalora', 'ia3', 'loha', 'lokr', 'vera', 'oft', 'prompt_tuning', 'prefix_tuning', 'p_tuning']);
    for (const format of ['axolotl', 'llamafactory', 'torchtune', 'trl'] as FormatId[]) {
      for (const id of ['lora', 'qlora', 'dora', 'full']) assert.ok(supported(format).includes(id), `${format} ${id}`);
    }
  });

  test('expansion: defaults, first choice, nested placeholders, escapes', () => {
    assert.equal(expandSnippet('r: ${1:8}\nt: ${2|a,b|}\nx: ${3:a ${4:b}}\n$0\\$5'), 'r: 8\nt: a\nx: a b\n$5');
  });
});
