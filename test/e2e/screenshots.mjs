// A user's eyes: the packaged .vsix installed into code-server (VS Code 1.139 in the browser), example files
// opened by clicking them in the explorer, and screenshots of what a user sees, each taken only once the UI
// shows the expected content. They are written to .vscode-test/screenshots/shots/ (git-ignored); with
// PEFT_LENS_UPDATE_SCREENSHOTS=1 they replace docs/screenshots/, which README.md shows, so a plain run
// never leaves the working tree dirty.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageExtension } from '../../scripts/package.mjs';
import { checkPackagedReadme } from './packagedReadme.mjs';
import { CHROMIUM, CODE_SERVER_ENTRY, NODE24, REPO, RUN_DIR, requireHost, requireTool } from './host/paths.mjs';
import { QUIET_SETTINGS } from './host/quietSettings.mjs';
import { freePort, killAllGroups, killGroupsOnExit, spawnGroup, waitForHttp } from './host/processes.mjs';

const SHOTS = process.env.PEFT_LENS_UPDATE_SCREENSHOTS === '1' ? join(REPO, 'docs/screenshots') : join(RUN_DIR, 'screenshots-out');
const CLEAN = 'qlora-llama-3-8b.yml';
const BROKEN = 'axolotl-mistakes.yml';
// A model no catalog knows, described by its own config.json in a folder beside the config.
const LOCAL = 'train-local.yml';
// A target_modules list the scene completes by typing a misspelt module name.
const TYPO = 'axolotl-target-typo.yml';
// A config with a target list, a dataset and a DeepSpeed file beside it, for the outline, links and inlay hints.
const LINKED = 'train-zero3.yml';
// #15 items 2, 3, 10: a LoRA config to switch to DoRA, a new empty file, a config far too big for one GPU.
const TO_DORA = 'lora-to-dora.yml';
const NEW = 'new-config.yml';
const TOO_BIG = 'too-big.yml';
const UI_TIMEOUT = 45_000;

// The pictures also want a fixed theme and an uncluttered editor.
const USER_SETTINGS = {
  ...QUIET_SETTINGS,
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.minimap.enabled': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // Opt-in: on here so the pictures show what each target module and the rank cost.
  'peftLens.inlayHints': true,
};

/** A profile with the .vsix installed through code-server's own CLI, as a user would install it. */
function prepareProfile(vsix) {
  const data = join(RUN_DIR, 'screenshots');
  rmSync(data, { recursive: true, force: true });
  mkdirSync(join(data, 'user/User'), { recursive: true });
  writeFileSync(join(data, 'user/User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  writeFileSync(join(data, 'config.yaml'), 'auth: none\n');
  const flags = ['--config', join(data, 'config.yaml'), '--user-data-dir', join(data, 'user'), '--extensions-dir', join(data, 'ext')];
  execFileSync(NODE24, [CODE_SERVER_ENTRY, ...flags, '--install-extension', vsix], { stdio: 'inherit' });
  return flags;
}

function prepareFolder(ws) {
  const folder = join(RUN_DIR, 'screenshots/ws');
  mkdirSync(folder, { recursive: true });
  cpSync(join(ws, 'examples/axolotl', CLEAN), join(folder, CLEAN));
  cpSync(join(ws, 'fixtures', BROKEN), join(folder, BROKEN));
  cpSync(join(ws, 'fixtures', TYPO), join(folder, TYPO));
  cpSync(join(ws, 'fixtures/links/train.yml'), join(folder, LINKED));
  cpSync(join(ws, 'fixtures/links/zero3.json'), join(folder, 'zero3.json'));
  for (const name of [TO_DORA, NEW, TOO_BIG]) cpSync(join(ws, 'fixtures/shots', name), join(folder, name));
  cpSync(join(ws, 'fixtures', 'local-model'), folder, { recursive: true });
  return folder;
}

async function startCodeServer(flags) {
  const port = await freePort();
  const args = [CODE_SERVER_ENTRY, ...flags, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'];
  const server = spawnGroup(NODE24, args, { env: { ...process.env, PATH: `${join(NODE24, '..')}:${process.env.PATH}` } });
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, server.child, 60_000);
  return { server, port };
}

async function openInExplorer(page, name) {
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${name}"]`).first();
  await row.waitFor({ timeout: UI_TIMEOUT });
  await row.click();
  await page.locator(`.tabs-container .tab[aria-label*="${name}"]`).first().waitFor({ timeout: UI_TIMEOUT });
}

/** Runs a command through the palette, by its title as a user would type it. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: UI_TIMEOUT });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
}

const SCENES = [
  {
    name: 'problems',
    async show(page) {
      await openInExplorer(page, BROKEN);
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel', { hasText: 'Did you mean' }).first().waitFor({ timeout: UI_TIMEOUT });
    },
    // The next scenes are about the editor: give it the panel's room back.
    after: (page) => page.keyboard.press('Control+J'),
  },
  {
    name: 'hover',
    async show(page) {
      await openInExplorer(page, CLEAN);
      const token = page.locator('.view-lines .view-line span', { hasText: /^lora_r$/ }).first();
      await token.waitFor({ timeout: UI_TIMEOUT });
      await token.hover();
      await page.locator('.monaco-hover a[href*="arxiv.org"]').first().waitFor({ timeout: UI_TIMEOUT });
    },
  },
  {
    name: 'codelens',
    async show(page) {
      await openInExplorer(page, CLEAN);
      await page.mouse.move(5, 5);
      await page.locator('.codelens-decoration', { hasText: /trainable/i }).first().waitFor({ timeout: UI_TIMEOUT });
      // The status-bar item: the selected GPU and this file's peak memory.
      await page.locator('.statusbar-item', { hasText: /H100-80GB · (≈ )?[\d.]+ GiB/ }).first().waitFor({ timeout: UI_TIMEOUT });
    },
  },
  {
    name: 'local-model',
    async show(page) {
      await openInExplorer(page, LOCAL);
      await page.locator('.codelens-decoration', { hasText: /trainable/i }).first().waitFor({ timeout: UI_TIMEOUT });
      await runCommand(page, 'PEFT: Show Memory Breakdown');
      const view = page.frameLocator('iframe.webview').frameLocator('#active-frame');
      await view.locator('p.sub', { hasText: 'acme-coder-7b/config.json' }).first().waitFor({ timeout: UI_TIMEOUT });
    },
  },
  {
    name: 'breakdown',
    async show(page) {
      await openInExplorer(page, CLEAN);
      await runCommand(page, 'PEFT: Show Memory Breakdown');
      const view = page.frameLocator('iframe.webview').frameLocator('#active-frame');
      await view.locator('.term').first().waitFor({ timeout: UI_TIMEOUT });
    },
  },
  {
    name: 'target-unmatched',
    async show(page) {
      await runCommand(page, 'View: Close All Editors');
      await openInExplorer(page, TYPO);
      await page.locator('.view-lines').first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('q_projj', { delay: 40 });
      await page.keyboard.press('Escape'); // the module completion list the typing opened
      const squiggle = page.locator('.squiggly-warning').first();
      await squiggle.waitFor({ timeout: UI_TIMEOUT });
      const box = await squiggle.boundingBox();
      if (!box) throw new Error('the warning squiggle is not on screen');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.locator('.monaco-hover', { hasText: 'q_proj' }).first().waitFor({ timeout: UI_TIMEOUT });
    },
    // Leave no unsaved edit behind for the scenes that close editors.
    after: (page) => runCommand(page, 'File: Revert File'),
  },
  {
    // Outline and breadcrumbs, and the opt-in inlay hints (on in this profile's settings).
    name: 'outline',
    async show(page) {
      await runCommand(page, 'View: Close All Editors');
      await openInExplorer(page, LINKED);
      await runCommand(page, 'Explorer: Focus on Outline View');
      await page.locator('.outline-pane .monaco-list-row', { hasText: 'lora_target_modules' }).first().waitFor({ timeout: UI_TIMEOUT });
      await page.locator('.view-lines', { hasText: '+4.2M params' }).first().waitFor({ timeout: UI_TIMEOUT });
      // The cursor in the target list: the breadcrumbs show where it is.
      await page.locator('.view-lines .view-line span', { hasText: /^v_proj$/ }).first().click();
      await page.locator('.breadcrumbs-control', { hasText: 'lora_target_modules' }).first().waitFor({ timeout: UI_TIMEOUT });
    },
  },
  {
    // Insert Method merges: the model, data and training keys stay; the LoRA keys become DoRA's.
    name: 'insert-merge',
    async show(page) {
      await runCommand(page, 'View: Close All Editors');
      await openInExplorer(page, TO_DORA);
      await page.locator('.view-lines').first().click();
      await runCommand(page, 'PEFT: Insert Fine-Tuning Method');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: UI_TIMEOUT });
      await input.fill('DoRA');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'DoRA' }).first().waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.press('Enter');
      await page.locator('.view-lines', { hasText: 'peft_use_dora' }).first().waitFor({ timeout: UI_TIMEOUT });
      await page.locator('.codelens-decoration', { hasText: /dora|lora/i }).first().waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.press('Escape'); // leave the snippet's tab stops
    },
    after: (page) => runCommand(page, 'File: Revert File'),
  },
  {
    // A new, empty YAML file: Insert Method first asks which tool it is for.
    name: 'choose-tool',
    async show(page) {
      await runCommand(page, 'View: Close All Editors');
      await openInExplorer(page, NEW);
      await page.locator('.view-lines').first().click();
      await runCommand(page, 'PEFT: Insert Fine-Tuning Method');
      await page.locator('.quick-input-widget', { hasText: 'which tool is this config for' }).first().waitFor({ timeout: UI_TIMEOUT });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'LLaMA-Factory' }).first().waitFor({ timeout: UI_TIMEOUT });
    },
  },
  {
    // Does not fit: the quick fixes on the lens line are the changes that make it fit, with their new peaks.
    name: 'fit-fixes',
    async show(page) {
      await runCommand(page, 'View: Close All Editors');
      await openInExplorer(page, TOO_BIG);
      await page.locator('.codelens-decoration', { hasText: /does not fit/ }).first().waitFor({ timeout: UI_TIMEOUT });
      await page.locator('.view-lines .view-line span', { hasText: /^adapter$/ }).first().click();
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget', { hasText: /gradient checkpointing/i }).first().waitFor({ timeout: 2 * UI_TIMEOUT });
    },
  },
  {
    name: 'ranks',
    async show(page) {
      await openInExplorer(page, CLEAN);
      await runCommand(page, 'PEFT: Compare Adapter Ranks');
      const view = page.frameLocator('iframe.webview').frameLocator('#active-frame');
      await view.locator('tr.rank.current').first().waitFor({ timeout: UI_TIMEOUT });
    },
  },
  {
    // The page the Extensions view shows for the installed package: the user README. Its pictures need an https
    // base (see scripts/package.mjs), so this scene checks the page and keeps no picture of it.
    name: 'extension-page',
    picture: false,
    async show(page) {
      await runCommand(page, 'View: Close All Editors');
      await page.keyboard.press('Control+Shift+X');
      // The view opens on the installed extensions, where a user finds it.
      const entry = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'PEFT Lens' }).first();
      await entry.waitFor({ timeout: UI_TIMEOUT });
      await entry.click();
      const readme = page.frameLocator('iframe.webview').frameLocator('#active-frame');
      await readme.locator('h2', { hasText: 'What you get' }).first().waitFor({ timeout: UI_TIMEOUT });
      // The developers' README (Quick start, Development) is not what users get.
      if ((await readme.locator('h2', { hasText: 'Quick start' }).count()) > 0) throw new Error('the extension page shows the developers README');
    },
  },
];

async function shoot(url) {
  const { chromium } = requireTool('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const result = { passed: 0, failed: 0 };
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 2 * UI_TIMEOUT });
    mkdirSync(SHOTS, { recursive: true });
    for (const scene of SCENES) {
      const started = Date.now();
      try {
        await scene.show(page);
        if (scene.picture !== false) {
          await page.waitForTimeout(500); // let the last frame paint (fade-ins of hovers and lenses)
          await page.screenshot({ path: join(SHOTS, `${scene.name}.png`) });
        }
        console.log(`  ✔ ${scene.picture === false ? 'scene' : 'screenshot'} ${scene.name} (${Date.now() - started} ms)`);
        result.passed++;
      } catch (error) {
        await page.screenshot({ path: join(RUN_DIR, `failed-${scene.name}.png`) }).catch(() => undefined);
        console.log(`  ✖ screenshot ${scene.name}: ${error.message.split('\n')[0]} (page saved as .vscode-test/failed-${scene.name}.png)`);
        result.failed++;
      }
      await page.keyboard.press('Escape');
      await scene.after?.(page);
    }
  } finally {
    await browser.close().catch(() => undefined);
  }
  return result;
}

export async function takeScreenshots(ws) {
  requireHost(NODE24, CODE_SERVER_ENTRY, CHROMIUM);
  killGroupsOnExit();
  const vsix = packageExtension();
  const problems = await checkPackagedReadme(vsix);
  for (const p of problems) console.log(`  ✖ package: ${p}`);
  if (problems.length === 0) console.log('  ✔ package: the user README and every picture it shows are in the .vsix');
  const flags = prepareProfile(vsix);
  const folder = prepareFolder(ws);
  const { server, port } = await startCodeServer(flags);
  try {
    const shots = await shoot(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
    return problems.length === 0 ? { ...shots, passed: shots.passed + 1 } : { ...shots, failed: shots.failed + 1 };
  } catch (error) {
    console.error(`screenshots: ${error.message}\n--- code-server output (tail) ---\n${server.tail.slice(-30).join('\n')}`);
    return { passed: 0, failed: 1 };
  } finally {
    killAllGroups();
  }
}
