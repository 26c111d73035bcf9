/**
 * BENCH.md is shared by several bench scripts and a few hand-written lines: each script owns one marked
 * region, `<!-- bench/NAME.ts -->` … `<!-- /bench/NAME.ts -->`, and replaces only that region (appending
 * it at the end the first time). What lies outside every region — the title, prose someone added — is
 * never touched, so no script erases another's figures.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

export const BENCH_MD = join(__dirname, '..', 'BENCH.md');

/** The markers of a script's region; `name` is the script's base name (`run` for bench/run.ts). */
export function markers(name: string): { begin: string; end: string } {
  return { begin: `<!-- bench/${name}.ts -->`, end: `<!-- /bench/${name}.ts -->` };
}

function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/**
 * `text` with the region of `name` holding `lines` (between its two markers, a blank line either side):
 * the old region replaced in place, or the new one appended after what is there. Throws on a region
 * whose markers are missing one half, repeated or out of order, rather than guessing what to overwrite.
 */
export function replaceSection(text: string, name: string, lines: readonly string[]): string {
  const { begin, end } = markers(name);
  const region = [begin, '', ...lines, '', end].join('\n');
  const starts = countOf(text, begin);
  const ends = countOf(text, end);
  if (starts === 0 && ends === 0) {
    const kept = text.trimEnd();
    return `${kept ? `${kept}\n\n` : ''}${region}\n`;
  }
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (starts !== 1 || ends !== 1 || to < from)
    throw new Error(`BENCH.md: the region ${begin} … ${end} is broken (${starts} begin, ${ends} end markers)`);
  return text.slice(0, from) + region + text.slice(to + end.length);
}

/**
 * `BENCH_ONLY=engine,adapter,dialects,…`: the parts to run, printed without writing BENCH.md (undefined: run
 * and write everything). bench/run.ts's parts are engine, cli, adapter and bundle; the other scripts are named
 * by their base name (dialects, bundle, folder) and skip themselves when not named.
 */
export function benchOnly(): string[] | undefined {
  return process.env.BENCH_ONLY?.toLowerCase().split(',').filter(Boolean);
}

/** Writes `lines` into the region of bench/`name`.ts in BENCH.md (or `file`), leaving the rest as it is. */
export function writeSection(name: string, lines: readonly string[], file = BENCH_MD): void {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# jixiao benchmark\n';
  writeFileSync(file, replaceSection(old, name, lines));
}
