/**
 * Ground truth: PEFT 0.21 + transformers 5.17 counts for 2 architectures × 20 method settings, and
 * the trainable/total figures of the measured training runs. Every case must come out exactly, both
 * from the case's config.json in a local folder and from the hub id through the bundled catalog.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createContext, estimate, openDocument } from '../../../core/src/index';
import { createNodeHost } from '../../../server/src/nodeHost';
import { requireShared } from '../../helpers/shared';
import { assertSaneEstimate } from '../../helpers/saneNumbers';

interface Case {
  arch: string;
  hf_id: string;
  method: string;
  model_config: Record<string, unknown>;
  adapter_config: Record<string, unknown> | null;
  expected: { trainable: number; all: number; targets?: string[] };
}

function load(file: string, trainableKey: string, allKey: string): Case[] {
  const path = requireShared('calibration', file);
  const data = JSON.parse(readFileSync(path, 'utf8')) as { cases: Record<string, unknown>[] };
  return data.cases.map((c) => ({
    ...(c as unknown as Case),
    expected: { trainable: c[trainableKey] as number, all: c[allKey] as number, targets: c.resolved_target_modules as string[] | undefined },
  }));
}

const dir = mkdtempSync(join(tmpdir(), 'peft-lens-calibration-'));
const ctx = createContext({ host: createNodeHost({ trusted: true, workspaceFolders: [dir] }) });

/** An adapter_config.json (or, for full fine-tuning, an axolotl config) naming `model`. */
function configFor(c: Case, model: string, folder: string): { path: string; text: string } {
  if (!c.adapter_config) return { path: join(folder, 'full.yml'), text: `# peft-lens: format=axolotl\nbase_model: ${model}\n` };
  return { path: join(folder, 'adapter_config.json'), text: JSON.stringify({ ...c.adapter_config, base_model_name_or_path: model }, null, 1) };
}

async function counts(c: Case, model: string, folder: string) {
  const { path, text } = configFor(c, model, folder);
  const result = await estimate(openDocument(path, text, ctx.settings), ctx);
  assertSaneEstimate(result, path);
  return result;
}

function cases(label: string, list: Case[]): void {
  test(`${label}: exact from a local config.json and from the catalog`, async () => {
    const wrong: string[] = [];
    for (const [i, c] of list.entries()) {
      const folder = join(dir, `${label}-${i}`);
      mkdirSync(join(folder, 'model'), { recursive: true });
      writeFileSync(join(folder, 'model', 'config.json'), JSON.stringify(c.model_config));
      for (const [model, source] of [['./model', 'local'], [c.hf_id, 'catalog']] as const) {
        const r = await counts(c, model, folder);
        const got = `${r.params?.trainable}/${r.params?.total} ${r.model?.source} ${JSON.stringify(c.expected.targets ? r.params?.targets : undefined)}`;
        const want = `${c.expected.trainable}/${c.expected.all} ${source} ${JSON.stringify(c.expected.targets)}`;
        if (got !== want) wrong.push(`${c.arch} ${c.method} via ${source}: got ${got}, want ${want} ${r.issues.map((x) => x.code).join(' ')}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
}

cases('peft-param-counts', load('peft-param-counts.json', 'trainable', 'all'));
cases('h200-training-memory', load('h200-training-memory.json', 'trainable_params', 'total_params'));
