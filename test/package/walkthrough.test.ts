// The VS Code walkthrough (contributes.walkthroughs): every step's page ships in the .vsix and every
// command it links to or waits for is one the extension contributes (or VS Code's own).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string }[];
    walkthroughs: { id: string; title: string; steps: { id: string; title: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[] }[];
  };
};
const commands = new Set(manifest.contributes.commands.map((c) => c.command));

describe('the walkthrough', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;

  it('walks through creating a doc, fixing a finding, the preview and a practice session', () => {
    expect(walkthrough!.steps.map((step) => step.id)).toEqual(['mlsd.walkthrough.createDoc', 'mlsd.walkthrough.findings', 'mlsd.walkthrough.preview', 'mlsd.walkthrough.practice']);
    const linked = walkthrough!.steps.flatMap((step) => [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]!));
    expect(linked).toEqual(expect.arrayContaining(['mlsd.newFromTemplate', 'mlsd.fixAll', 'mlsd.openPreview', 'mlsd.practice.start']));
    for (const command of linked) expect(commands.has(command) || command.startsWith('workbench.'), command).toBe(true);
    for (const event of walkthrough!.steps.flatMap((step) => step.completionEvents ?? [])) {
      expect(event).toMatch(/^onCommand:/);
      expect(commands.has(event.slice('onCommand:'.length)), event).toBe(true);
    }
  });

  it('has a page for every step, shipped by .vscodeignore', () => {
    const shipped = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => picomatch(line.slice(1)));
    for (const step of walkthrough!.steps) {
      const page = step.media.markdown!;
      expect(existsSync(join(repoRoot, page)), page).toBe(true);
      expect(
        shipped.some((match) => match(page)),
        page,
      ).toBe(true);
      expect(readFileSync(join(repoRoot, page), 'utf8')).toMatch(/^# /);
    }
  });
});
