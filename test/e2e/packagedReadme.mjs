// The .vsix as a user receives it: the README it carries is the user one (README.marketplace.md), and every
// picture that README shows is inside the package, at the path the link names relative to the extension folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, requireTool } from './host/paths.mjs';
import { PACKAGE_README } from '../../scripts/package.mjs';

/** Reads every entry of a zip into memory (a .vsix is a few MB), with yauzl: @vscode/vsce 3.9.2's own zip reader, installed with it. */
function readZip(path) {
  const yauzl = requireTool('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map();
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Returns the problems found (none when the package is right). */
export async function checkPackagedReadme(vsix) {
  const entries = await readZip(vsix);
  const readmeName = [...entries.keys()].find((name) => /^extension\/readme\.md$/i.test(name));
  if (!readmeName) return ['the .vsix carries no README'];
  const packed = entries.get(readmeName).toString('utf8');
  const problems = [];
  if (packed !== readFileSync(join(REPO, PACKAGE_README), 'utf8')) problems.push(`the packed README is not ${PACKAGE_README}`);
  for (const [, link] of packed.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
    if (!entries.has(`extension/${link}`)) problems.push(`the README shows ${link}, which the .vsix does not carry`);
  }
  return problems;
}
