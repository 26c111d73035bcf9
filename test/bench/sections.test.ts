import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BENCH_MD, markers, replaceSection, writeSection } from '../../bench/sections';

/** The text of BENCH.md outside the region of `name` (the region itself replaced by a placeholder). */
function outside(text: string, name: string): string {
  const { begin, end } = markers(name);
  const from = text.indexOf(begin);
  const to = text.indexOf(end) + end.length;
  return from < 0 ? text : `${text.slice(0, from)}[region]${text.slice(to)}`;
}

describe('BENCH.md regions (bench/sections.ts)', () => {
  const doc = [
    '# jixiao benchmark',
    '',
    'Hand-written intro.',
    '',
    '<!-- bench/run.ts -->',
    '',
    'old run figures',
    '',
    '<!-- /bench/run.ts -->',
    '',
    'A paragraph someone added by hand.',
    '',
    '<!-- bench/folder.ts -->',
    '',
    'old folder figures',
    '',
    '<!-- /bench/folder.ts -->',
    '',
  ].join('\n');

  it('replaces only its own region, in place', () => {
    const next = replaceSection(doc, 'run', ['## 1. new', '', 'new run figures']);
    expect(next).toContain('<!-- bench/run.ts -->\n\n## 1. new\n\nnew run figures\n\n<!-- /bench/run.ts -->');
    expect(next).not.toContain('old run figures');
    expect(outside(next, 'run')).toBe(outside(doc, 'run'));
    expect(next).toContain('old folder figures');
    expect(next).toContain('A paragraph someone added by hand.');
  });

  it('appends a region the file does not have yet, after everything else', () => {
    const next = replaceSection(doc, 'dialects', ['## 6. dialects']);
    expect(next.startsWith(doc.trimEnd())).toBe(true);
    expect(next.endsWith('\n\n<!-- bench/dialects.ts -->\n\n## 6. dialects\n\n<!-- /bench/dialects.ts -->\n')).toBe(
      true,
    );
    // Written twice, it is still there once.
    const again = replaceSection(next, 'dialects', ['## 6. dialects, second run']);
    expect(again.split('<!-- bench/dialects.ts -->')).toHaveLength(2);
    expect(again).toContain('second run');
    expect(again).not.toContain('## 6. dialects\n');
  });

  it('refuses a region with a marker missing or repeated rather than guess what to overwrite', () => {
    expect(() => replaceSection(doc.replace('<!-- /bench/run.ts -->', ''), 'run', ['x'])).toThrow(/broken/);
    expect(() => replaceSection(`${doc}\n<!-- bench/folder.ts -->\n`, 'folder', ['x'])).toThrow(/broken/);
  });

  it('writes a file, creating it with a title when missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-sections-'));
    try {
      const file = join(dir, 'BENCH.md');
      writeSection('folder', ['folder figures'], file);
      writeSection('run', ['run figures'], file);
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith('# jixiao benchmark\n\n<!-- bench/folder.ts -->')).toBe(true);
      expect(text.indexOf('folder figures')).toBeLessThan(text.indexOf('run figures'));
      writeFileSync(file, text.replace('# jixiao benchmark', '# jixiao benchmark\n\nnotes'));
      writeSection('folder', ['folder figures, again'], file);
      expect(readFileSync(file, 'utf8')).toContain('notes');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the committed BENCH.md has one well-formed region per bench script, and rewriting one keeps the others', () => {
    const text = readFileSync(BENCH_MD, 'utf8');
    for (const name of ['run', 'folder', 'bundle', 'dialects']) {
      const { begin, end } = markers(name);
      expect([name, text.split(begin).length - 1, text.split(end).length - 1]).toEqual([name, 1, 1]);
      const next = replaceSection(text, name, ['replaced']);
      expect(outside(next, name)).toBe(outside(text, name));
    }
  });
});
