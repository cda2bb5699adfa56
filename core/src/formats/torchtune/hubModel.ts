/**
 * A torchtune model builder is code, not a hub id: `lora_llama3_2_1b` builds the architecture of
 * meta-llama/Llama-3.2-1B. The catalog records that hub id per builder. The checkpoint folder usually
 * names the exact model downloaded (`tune download meta-llama/Llama-3.2-1B-Instruct --output-dir
 * /tmp/Llama-3.2-1B-Instruct`), so when its last segment names the same model as the builder (an
 * instruct or chat variant of the same family and size), that more precise id is used instead.
 */
import type { ConfigDoc } from '../../document';
import type { Sourced } from '../../plan';
import { derive, isString, sourced } from '../extractHelpers';
import type { ComponentEntry } from './catalog';

export function hubModel(doc: ConfigDoc, builder: Sourced<string>, entry: ComponentEntry | undefined): Sourced<string> | undefined {
  const fromBuilder = entry?.hf_model;
  if (!fromBuilder) return undefined;
  const dir = sourced(doc, ['checkpointer', 'checkpoint_dir'], isString);
  const folder = dir ? lastSegment(dir.value) : undefined;
  const [org, repo] = fromBuilder.split('/');
  if (dir && folder && coreName(folder) === coreName(repo)) return derive(dir, `${org}/${folder}`);
  return derive(builder, fromBuilder);
}

function lastSegment(path: string): string | undefined {
  if (path.includes('${')) return undefined;
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1];
}

/** A repo name without its variant words: Meta-Llama-3.1-8B-Instruct and Llama-3.1-8B both give llama-3.1-8b. */
function coreName(name: string): string {
  let n = name.toLowerCase().replace(/^meta-/, '');
  for (let prev = ''; prev !== n; ) {
    prev = n;
    n = n.replace(/-(instruct|chat|hf|base|it)$/, '');
  }
  return n;
}
