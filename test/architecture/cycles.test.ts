import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cyclesOf, runtimeImports } from '../helpers/imports';

const SRC = join(__dirname, '..', '..', 'src');

/**
 * Cycles allowed, each the exact set of files of one cycle: none. (The CLI's main ↔ score and the pane's
 * App ↔ panels were broken up with the branches that owned them.) A new cycle fails the test.
 */
const KNOWN: readonly (readonly string[])[] = [];

describe('runtime import cycles in src/', () => {
  const cycles = cyclesOf(runtimeImports(SRC));

  test('there are none, beyond the listed ones owned by other branches', () => {
    const known = new Set(KNOWN.map((c) => [...c].sort().join(' ↔ ')));
    expect(cycles.map((c) => c.join(' ↔ ')).filter((c) => !known.has(c))).toEqual([]);
  });

  test('the engine has none at all, not even through type imports (the table union sits above the families)', () => {
    expect(cycles.filter((c) => c.some((f) => f.startsWith('engine/')))).toEqual([]);
    const typed = cyclesOf(runtimeImports(SRC, { withTypes: true }));
    expect(typed.filter((c) => c.some((f) => f.startsWith('engine/')))).toEqual([]);
  });
});

describe('the import scanner itself', () => {
  test('a cycle through value imports counts, one through type-only imports does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-cycles-'));
    const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
    write('a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    write('b.ts', "import { a } from './a';\nexport const b = 1; export const c = a;\n");
    write('t1.ts', "import type { T2 } from './t2';\nexport type T1 = T2 | 1;\n");
    write('t2.ts', "import { type T1 } from './t1';\nexport type T2 = T1 | 2;\n");
    write('t3.ts', "export type { T1 } from './t1';\nexport * from './t4';\n");
    write('t4.ts', "import './t3';\n");
    try {
      const graph = runtimeImports(dir);
      expect(graph.get('t1.ts')).toEqual([]);
      expect(graph.get('t2.ts')).toEqual([]);
      expect(cyclesOf(graph)).toEqual([
        ['a.ts', 'b.ts'],
        ['t3.ts', 't4.ts'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Tarjan over a hand-made graph: every cycle once, a self-import too', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['d.ts']],
      ['e.ts', []],
    ]);
    expect(cyclesOf(graph)).toEqual(expect.arrayContaining([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]));
    expect(cyclesOf(graph)).toHaveLength(2);
  });

  test('reads the real tree: engine/analyze.ts imports engine/indicator/index.ts at runtime, engine/pipeline.ts only types', () => {
    const graph = runtimeImports(SRC);
    expect(graph.get('engine/analyze.ts')).toEqual(
      expect.arrayContaining(['engine/indicator/index.ts', 'engine/model/sheet.ts']),
    );
    // pipeline.ts imports nothing but types: no runtime edge at all.
    expect(graph.get('engine/pipeline.ts')).toEqual([]);
  });
});
