// Refreshes core/data/papers.json from the team's reference list (../shared/reference/papers.json):
// the papers that introduced a config concept (with their config mapping) and the curated papers
// about selectable methods. Run by hand when the reference changes: `node scripts/trimPapers.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const source = resolve(process.env.PEFT_LENS_SHARED ?? '../shared', 'reference/papers.json');
const all = JSON.parse(readFileSync(source, 'utf8'));
const summaries = new Map(all.curated.map((p) => [p.arxiv_id, p.summary]));

const foundational = all.foundational.map((p) => ({
  id: p.arxiv_id,
  name: p.name,
  title: p.title,
  year: p.year,
  ...(summaries.has(p.arxiv_id) ? { summary: summaries.get(p.arxiv_id) } : {}),
  config: p.config ?? {},
}));
const curated = all.curated
  .filter((p) => p.relevance === 'method')
  .map((p) => ({ id: p.arxiv_id, title: p.title, year: p.year, summary: p.summary, relevance: p.relevance, mapping: p.config_mapping ?? {} }));

writeFileSync('core/data/papers.json', `${JSON.stringify({ source: 'shared/reference/papers.json', foundational, curated }, null, 1)}\n`);
console.log(`core/data/papers.json: ${foundational.length} foundational, ${curated.length} curated method papers`);
