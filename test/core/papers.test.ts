/**
 * The papers data: every curated method paper is reachable from a hover or the method picker, every
 * id the concept table cites exists in the bundle, and the bundle agrees with the shared reference.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { CONCEPTS } from '../../core/src/docs/concepts';
import { methodsFor } from '../../core/src/docs/methods';
import { allPaperIds, configMentions, methodPaperIds, paper, paperRef } from '../../core/src/docs/papers';
import { FORMAT_IDS, hoverAt } from '../../core/src/index';
import { ctx, doc, withCursor } from '../helpers/fixtures';
import { HOVER_CASES } from '../helpers/hoverCases';
import { requireShared } from '../helpers/shared';

const ARXIV_LINK = /https:\/\/arxiv\.org\/abs\/(\d{4}\.\d{4,5})/g;

describe('papers', () => {
  test('all 49 curated method papers are reachable from a hover or from the method picker', async () => {
    const reached = new Set<string>();
    for (const format of FORMAT_IDS) for (const m of methodsFor(format)) for (const p of [...m.papers, ...m.related]) reached.add(p.id);
    for (const c of HOVER_CASES) {
      const { text, offset } = withCursor(c.text);
      const h = await hoverAt(doc(c.path, text), offset, ctx());
      for (const m of h?.markdown.matchAll(ARXIV_LINK) ?? []) reached.add(m[1]);
    }
    const methods = methodPaperIds();
    assert.equal(methods.length, 49);
    assert.deepEqual(methods.filter((id) => !reached.has(id)), []);
  });

  test('every paper the concept table and the mentions cite is in the bundle', () => {
    const known = new Set(allPaperIds());
    const cited = [...CONCEPTS.flatMap((c) => [...c.papers, ...(c.related ?? [])]), ...configMentions().map((m) => m.paper)];
    assert.deepEqual([...new Set(cited.filter((id) => !known.has(id)))], []);
  });

  test('every foundational paper has a concept with a line on why it matters', () => {
    const data = JSON.parse(readFileSync('core/data/papers.json', 'utf8')) as { foundational: { id: string }[] };
    const introduced = new Set(CONCEPTS.flatMap((c) => c.papers));
    const related = new Set(CONCEPTS.flatMap((c) => c.related ?? []));
    const orphans = data.foundational.map((p) => p.id).filter((id) => !introduced.has(id) && !related.has(id));
    assert.deepEqual(orphans, []);
  });

  test('the bundled copy matches the shared reference (titles and years)', () => {
    const source = requireShared('reference', 'papers.json');
    type Ref = { arxiv_id: string; title: string | null; name?: string; year: number; relevance?: string };
    const ref = JSON.parse(readFileSync(source, 'utf8')) as { curated: Ref[]; foundational: Ref[] };
    // Where both lists hold a paper, the foundational entry's title (with the method name) wins; where
    // the reference has no title, the method's name stands in.
    const titles = new Map([...ref.curated, ...ref.foundational].map((p) => [p.arxiv_id, p.title ?? p.name]));
    for (const p of [...ref.foundational, ...ref.curated.filter((x) => x.relevance === 'method')]) {
      assert.equal(paper(p.arxiv_id)?.title, titles.get(p.arxiv_id));
      assert.equal(paper(p.arxiv_id)?.year, p.year);
    }
  });

  test('every paper a schema, the concept table or a hover cites links with its title, never a bare arXiv id', async () => {
    const cited = new Set([...CONCEPTS.flatMap((c) => [...c.papers, ...(c.related ?? [])]), ...configMentions().map((m) => m.paper)]);
    for (const format of FORMAT_IDS) {
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) return v.forEach(walk);
        if (!v || typeof v !== 'object') return;
        for (const [k, child] of Object.entries(v)) {
          if (k === 'x-papers' && Array.isArray(child)) child.forEach((id) => cited.add(String(id)));
          else walk(child);
        }
      };
      walk(JSON.parse(readFileSync(`schemas/${format}.schema.json`, 'utf8')));
    }
    const untitled = [...cited].filter((id) => !paperRef(id).title || paperRef(id).title.startsWith('arXiv '));
    assert.deepEqual(untitled, []);
    for (const c of HOVER_CASES) {
      const { text, offset } = withCursor(c.text);
      const h = await hoverAt(doc(c.path, text), offset, ctx());
      assert.doesNotMatch(h?.markdown ?? '', /\[arXiv \d{4}\.\d+\]/, c.name);
    }
    // QA-LoRA's entry in the reference has its name but no title.
    assert.equal(paperRef('2309.14717').title, 'QA-LoRA');
  });
});
