import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main, type Io } from '../../src/cli/main';
import { lostParts } from './lossless';

/**
 * ../shared/tools/check-write.py as a jest test: `jixiao score IN -o OUT` on every write-safety
 * workbook, then the two packages compared part by part (lossless.ts).
 */
const DIR = join(__dirname, '..', 'fixtures', 'write-safety');
const quiet: Io = { out: () => undefined, err: () => undefined };

jest.setTimeout(120_000);

describe('score -o loses nothing (every write-safety workbook)', () => {
  const out = mkdtempSync(join(tmpdir(), 'jixiao-lossless-'));
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  for (const file of files) {
    // Every file, merge-huge.xlsx (one merge over a whole sheet) included: the reader cuts a merge to the data.
    it(file, async () => {
      const target = join(out, file);
      const code = await main(['score', join(DIR, file), '-o', target], quiet);
      expect([0, 1]).toContain(code);
      if (existsSync(target))
        expect(lostParts(new Uint8Array(readFileSync(join(DIR, file))), new Uint8Array(readFileSync(target)))).toEqual(
          [],
        );
    });
  }
});
