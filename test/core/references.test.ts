/**
 * What values point at (document links, go-to-definition), per format, with a host whose file system
 * holds a few files: Hub ids become Hub pages, local paths their files where they exist, torchtune
 * `${key}` the key it copies, and nothing is made up for values that point nowhere.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Context, Host, Reference } from '../../core/src/index';
import { createContext, referenceAt, referencesOf } from '../../core/src/index';
import { doc, withCursor } from '../helpers/fixtures';

function hostWith(files: Record<string, string>, trusted = true): Host {
  return { readFile: async (p) => files[p], trusted, workspaceFolders: ['/ws'] };
}

function ctxWith(files: Record<string, string>, settings = {}): Context {
  return createContext({ host: hostWith(files), settings });
}

function shown(text: string, refs: Reference[]): string[] {
  return refs.map((r) => {
    const target = 'url' in r.target ? r.target.url : 'path' in r.target ? r.target.path : `@${text.slice(r.target.span.start, r.target.span.end)}`;
    return `${text.slice(r.span.start, r.span.end)} → ${target}`;
  });
}

const FILES = {
  '/ws/models/acme-7b/config.json': '{}',
  '/ws/deepspeed_configs/zero3.json': '{}',
  '/ws/run/ds.json': '{}',
  '/ws/adapters/mine/adapter_config.json': '{}',
  '/ws/data/train.jsonl': '{}',
};

describe('references of a config', () => {
  const cases: { name: string; path: string; text: string; want: string[]; settings?: object }[] = [
    {
      name: 'axolotl: Hub model and dataset pages, the DeepSpeed file from the workspace folder',
      path: '/ws/run/train.yml',
      text: 'base_model: meta-llama/Meta-Llama-3-8B\nadapter: lora\ndatasets:\n  - path: mhenrichsen/alpaca_2k_test\n    type: alpaca\n  - path: data/train.jsonl\n    type: alpaca\ndeepspeed: deepspeed_configs/zero3.json\n',
      want: [
        'meta-llama/Meta-Llama-3-8B → https://huggingface.co/meta-llama/Meta-Llama-3-8B',
        'mhenrichsen/alpaca_2k_test → https://huggingface.co/datasets/mhenrichsen/alpaca_2k_test',
        'data/train.jsonl → /ws/data/train.jsonl',
        'deepspeed_configs/zero3.json → /ws/deepspeed_configs/zero3.json',
      ],
    },
    {
      name: 'a local model folder leads to its config.json; a file beside the config is found there',
      path: '/ws/run/train.yml',
      text: 'base_model: ./models/acme-7b\nadapter: lora\ndeepspeed: ds.json\n',
      want: ['./models/acme-7b → /ws/models/acme-7b/config.json', 'ds.json → /ws/run/ds.json'],
    },
    {
      name: 'a missing file, a missing folder and a one-word name lead nowhere',
      path: '/ws/run/train.yml',
      text: 'base_model: ./models/gone\nadapter: lora\ndeepspeed: zero9.json\ndatasets:\n  - path: alpaca\n',
      want: [],
    },
    {
      name: 'LLaMA-Factory: model page and a local adapter folder',
      path: '/ws/lf/sft.yaml',
      text: 'model_name_or_path: Qwen/Qwen2.5-7B-Instruct\nadapter_name_or_path: adapters/mine\nstage: sft\nfinetuning_type: lora\n',
      want: ['Qwen/Qwen2.5-7B-Instruct → https://huggingface.co/Qwen/Qwen2.5-7B-Instruct', 'adapters/mine → /ws/adapters/mine/adapter_config.json'],
    },
    {
      name: 'TRL: dataset_name on a Hub mirror set as the endpoint',
      path: '/ws/trl/sft.yaml',
      text: 'model_name_or_path: Qwen/Qwen2.5-0.5B\ndataset_name: trl-lib/Capybara\nuse_peft: true\n',
      settings: { hubEndpoint: 'https://hf-mirror.example.com/' },
      want: ['Qwen/Qwen2.5-0.5B → https://hf-mirror.example.com/Qwen/Qwen2.5-0.5B', 'trl-lib/Capybara → https://hf-mirror.example.com/datasets/trl-lib/Capybara'],
    },
    {
      name: 'adapter_config.json: the base model',
      path: '/ws/adapter_config.json',
      text: '{"peft_type": "LORA", "base_model_name_or_path": "mistralai/Mistral-7B-v0.1", "r": 8}',
      want: ['mistralai/Mistral-7B-v0.1 → https://huggingface.co/mistralai/Mistral-7B-v0.1'],
    },
    {
      name: 'torchtune: interpolations lead to the key they copy; resolvers and unknown keys do not',
      path: '/ws/tt/lora.yaml',
      text: 'output_dir: /tmp/out\nmodel:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n  lora_rank: 8\ncheckpointer:\n  _component_: torchtune.training.FullModelHFCheckpointer\n  checkpoint_dir: /ws/models/acme-7b\n  output_dir: ${output_dir}\nmetric_logger:\n  log_dir: ${output_dir}/logs/${model.lora_rank}\n  other: ${oc.env:HOME}/${nowhere}\n',
      want: ['/ws/models/acme-7b → /ws/models/acme-7b/config.json', '${output_dir} → @output_dir', '${output_dir} → @output_dir', '${model.lora_rank} → @lora_rank'],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const d = doc(c.path, c.text);
      assert.deepEqual(shown(c.text, await referencesOf(d, ctxWith(FILES, c.settings))), c.want);
    });
  }

  test('an untrusted host that reads nothing outside the workspace gets no local links there', async () => {
    const text = 'base_model: /opt/models/acme-7b\nadapter: lora\n';
    const host: Host = { readFile: async () => undefined, trusted: false, workspaceFolders: ['/ws'] };
    assert.deepEqual(await referencesOf(doc('/ws/train.yml', text), createContext({ host })), []);
  });

  test('go-to-definition answers the reference under the cursor only', async () => {
    const { text, offset } = withCursor('output_dir: /tmp/out\nmodel:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\ncheckpointer:\n  output_dir: ${out<|>put_dir}\n  checkpoint_dir: /nowhere\n');
    const d = doc('/ws/tt/lora.yaml', text);
    const ref = await referenceAt(d, offset, ctxWith(FILES));
    assert.ok(ref && 'span' in ref.target);
    assert.equal(ref.target.span.start, 0);
    assert.equal(await referenceAt(d, text.indexOf('/nowhere'), ctxWith(FILES)), undefined);
  });

  test('files that are not configs have no references', async () => {
    assert.deepEqual(await referencesOf(doc('/ws/.github/workflows/ci.yml', 'on: push\njobs:\n  a:\n    uses: actions/checkout@v4\n'), ctxWith(FILES)), []);
  });
});
