/** LLaMA-Factory on a prequantized (PTQ) checkpoint of the bundled catalog: its refusal under ZeRO-3/FSDP, its ignored quantization_bit. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PREQUANTIZED_CODES } from '../../../../core/src/rules/model/prequantized';
import { issueLines, lines } from '../ruleTable';

const GPTQ = 'model_name_or_path: TechxGenus/Meta-Llama-3-8B-Instruct-GPTQ';
const BASE = 'model_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct';
const TRAIN = ['stage: sft', 'do_train: true', 'finetuning_type: lora', 'lora_target: all', 'dataset: identity', 'template: llama3', 'output_dir: saves/x'];

const CASES: [string, string, string[]][] = [
  ['a GPTQ checkpoint trained as its example does', lines(GPTQ, ...TRAIN), []],
  ['quantization_bit on it is ignored', lines(GPTQ, ...TRAIN, 'quantization_bit: 4'), ['model/prequantized-quantization-bit@9']],
  ['DeepSpeed ZeRO-3 is refused', lines(GPTQ, ...TRAIN, 'deepspeed: examples/deepspeed/ds_z3_config.json'), ['model/prequantized-sharded@9']],
  ['ZeRO-2 is fine', lines(GPTQ, ...TRAIN, 'deepspeed: examples/deepspeed/ds_z2_config.json'), []],
  ['the unquantized base with both is not a PTQ model', lines(BASE, ...TRAIN, 'quantization_bit: 4', 'deepspeed: examples/deepspeed/ds_z3_config.json'), []],
];

for (const [title, text, expected] of CASES) {
  test(`llamafactory prequantized: ${title}`, async () => {
    assert.deepEqual(await issueLines('/ws/train.yaml', text, (code) => code in PREQUANTIZED_CODES, 'llamafactory'), expected);
  });
}
