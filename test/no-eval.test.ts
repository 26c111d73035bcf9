import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

const SRC = join(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx|js)$/.test(name) ? [path] : [];
  });
}

describe('no code from strings', () => {
  it('src/ has no eval, new Function, or string timers (ESLint enforces the same: no-eval, no-implied-eval, no-new-func)', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    const offending = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ file, line: i + 1, text: line }))
        .filter(({ text }) => !/^\s*(\/\/|\*)/.test(text))
        .filter(({ text }) =>
          /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]|set(Timeout|Interval)\s*\(\s*['"`]/.test(text),
        ),
    );
    expect(offending).toEqual([]);
  });

  it('the lint configuration keeps the rules on', () => {
    const config = readFileSync(join(__dirname, '..', 'eslint.config.js'), 'utf8');
    for (const rule of ['no-eval', 'no-implied-eval', 'no-new-func']) expect(config).toContain(`'${rule}': 'error'`);
  });
});

describe('one adapter touches Office.js', () => {
  it('outside src/excel/ no source calls Office or Excel (the pane, engine, CLI and workbench go through a port)', () => {
    const outside = sourceFiles(SRC).filter((f) => !f.includes(`${join('src', 'excel')}`));
    const offending = outside.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((text, i) => ({ file, line: i + 1, text }))
        .filter(({ text }) => !/^\s*(\/\/|\*|\/\*)/.test(text))
        .filter(({ text }) =>
          /\bOffice\.(onReady|context|HostType|PlatformType)|\bExcel\.(run|RequestContext)|\bOfficeExtension\./.test(
            text,
          ),
        ),
    );
    expect(offending).toEqual([]);
  });
});
