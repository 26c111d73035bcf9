import { readdir, realpath, stat } from 'fs/promises';
import { extname, join } from 'path';
import { describeFsError, type InputProblem } from './input';

/**
 * What `jixiao check a.xlsx 文件夹/ …` stands for: every file found, in a stable order (arguments
 * in the order given, each folder's entries in code-point order of their names, subfolders walked
 * where they sort), each either to check or listed with why not. Nothing is dropped silently but
 * Office lock files (`~$…`, left by an open workbook) and hidden files (`.DS_Store`, `.git/`).
 */
export type Found =
  | { readonly kind: 'xlsx'; readonly file: string }
  /** An old binary workbook (.xls, WPS .et, .xlsb): checked after conversion when a converter exists. */
  | { readonly kind: 'legacy'; readonly file: string }
  /** `wanted`: the user named it or it has a workbook's extension, so not checking it is an error (exit 2). */
  | { readonly kind: 'not-checked'; readonly file: string; readonly problem: InputProblem; readonly wanted: boolean };

export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm'] as const;
export const LEGACY_EXTENSIONS = ['.xls', '.et', '.xlsb'] as const;

export interface WalkOptions {
  readonly recurse: boolean;
}

export interface Walk {
  readonly found: Found[];
  /** Folders given as arguments in which nothing was found to check (for the one clear line). */
  readonly foldersWithNothing: string[];
}

function byExtension(file: string): Found {
  const ext = extname(file).toLowerCase();
  if ((WORKBOOK_EXTENSIONS as readonly string[]).includes(ext)) return { kind: 'xlsx', file };
  if ((LEGACY_EXTENSIONS as readonly string[]).includes(ext)) return { kind: 'legacy', file };
  return {
    kind: 'not-checked',
    file,
    problem: { reason: 'not-workbook', zh: '不是工作簿', en: 'not a workbook' },
    wanted: false,
  };
}

/** Whether a folder entry is left out without a word: lock files and hidden files. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('~$') || name.startsWith('.');
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Expands the command line's paths. A named file is always tried (its content decides); a missing path is listed. */
export async function collectInputs(paths: readonly string[], options: WalkOptions): Promise<Walk> {
  const found: Found[] = [];
  const foldersWithNothing: string[] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch (e) {
      found.push({ kind: 'not-checked', file: p, problem: describeFsError(e), wanted: true });
      continue;
    }
    if (!s.isDirectory()) {
      const ext = extname(p).toLowerCase();
      found.push(
        (LEGACY_EXTENSIONS as readonly string[]).includes(ext)
          ? { kind: 'legacy', file: p }
          : { kind: 'xlsx', file: p },
      );
      continue;
    }
    const before = found.length;
    await walkFolder(p, options, found, new Set([await realpath(p)]));
    if (!found.slice(before).some((f) => f.kind !== 'not-checked')) foldersWithNothing.push(p);
  }
  return { found, foldersWithNothing };
}

async function walkFolder(dir: string, options: WalkOptions, found: Found[], seen: Set<string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    found.push({ kind: 'not-checked', file: dir, problem: describeFsError(e), wanted: true });
    return;
  }
  for (const entry of entries.sort((a, b) => byCodePoint(a.name, b.name))) {
    if (isIgnoredName(entry.name)) continue;
    const full = join(dir, entry.name);
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => undefined);
      if (!target) continue; // a dangling link names nothing to check
      isDir = target.isDirectory();
    }
    if (isDir) {
      if (!options.recurse) continue;
      // A link back up the tree would otherwise be walked for ever.
      const real = await realpath(full).catch(() => full);
      if (seen.has(real)) continue;
      seen.add(real);
      await walkFolder(full, options, found, seen);
    } else found.push(byExtension(full));
  }
}
