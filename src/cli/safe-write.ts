import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'fs';
import { randomBytes } from 'crypto';
import { basename, dirname, join, resolve } from 'path';

/**
 * Writing a workbook to disk without ever losing one: the input is never written unless the user
 * said --in-place, an existing output is never replaced without --force, a half-written file never
 * takes the place of a whole one, and no temporary file outlives the run.
 */
export class WriteRefused extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export interface WriteTarget {
  /** The real path the bytes go to (symlinks resolved). */
  readonly path: string;
  /** The file being replaced, when there is one: its mode, owner and links are kept. */
  readonly existing?: Stats;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** The real path a name stands for, also when the file does not exist yet (its folder resolved). */
function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return join(realpathSync(dirname(resolve(path))), basename(path));
  }
}

/**
 * Decides where `score` may write. The same file is recognised by device and inode (a symlink, a
 * hard link, `./a/../in.xlsx`), not by spelling. Throws WriteRefused with the reason.
 */
export function resolveWriteTarget(
  input: string,
  out: string | undefined,
  options: { inPlace: boolean; force: boolean },
): WriteTarget {
  const inputStat = statSync(input);
  if (options.inPlace) return { path: realpathSync(input), existing: inputStat };
  const outStat = statOrUndefined(out!);
  if (outStat && outStat.dev === inputStat.dev && outStat.ino === inputStat.ino)
    throw new WriteRefused(
      '输出文件就是输入文件（同一个文件），未写入；如确需覆盖输入文件请加 --in-place',
      'the output is the input file; use --in-place to overwrite it',
    );
  if (outStat?.isDirectory())
    throw new WriteRefused(`输出路径 ${out} 是一个文件夹，未写入`, 'the output path is a directory');
  if (outStat && !options.force)
    throw new WriteRefused(
      `输出文件 ${out} 已存在，未覆盖；如确需覆盖请加 --force`,
      'the output file exists; use --force to replace it',
    );
  return { path: realTarget(out!), ...(outStat ? { existing: outStat } : {}) };
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Test hook: a pause between writing the temporary file and renaming it, so a test can interrupt the write. */
function pauseForTests(): Promise<void> {
  const ms = Number(process.env.JIXIAO_TEST_PAUSE_BEFORE_RENAME_MS ?? 0);
  return ms > 0 ? new Promise((done) => setTimeout(done, ms)) : Promise.resolve();
}

/**
 * Writes `bytes` to the target. A file with one link is replaced atomically: the bytes go to a
 * temporary file in the same folder (same file system), are flushed to disk, get the old file's
 * mode and owner, and are renamed over it — a reader sees the old file or the new one, never half.
 * A file with several hard links is written into its own inode instead (a rename would cut the
 * other links off): in one synchronous write, truncate and fsync, put back from the bytes in
 * memory should it fail. The same is done when the old owner cannot be given to a new file
 * (another user's file in a shared folder). The temporary file is removed on any error and on
 * SIGINT, SIGTERM and SIGHUP.
 */
export async function writeWorkbookFile(target: WriteTarget, bytes: Uint8Array, original?: Uint8Array): Promise<void> {
  const existing = target.existing;
  if (existing && existing.nlink > 1) return writeIntoInode(target.path, bytes, original);
  const tmp = join(
    dirname(target.path),
    `.${basename(target.path)}.jixiao-${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  let created = false;
  const cleanup = () => {
    if (!created) return;
    try {
      unlinkSync(tmp);
    } catch {
      // Already gone.
    }
    created = false;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    // Die of the same signal, as the user asked.
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  let ownerKept = true;
  try {
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    created = true;
    try {
      writeAll(fd, bytes);
      fchmodSync(fd, existing ? existing.mode & 0o7777 : 0o666 & ~process.umask());
      if (
        existing &&
        (typeof process.getuid !== 'function' ||
          existing.uid !== process.getuid() ||
          existing.gid !== process.getgid?.())
      ) {
        try {
          fchownSync(fd, existing.uid, existing.gid);
        } catch {
          ownerKept = false;
        }
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!ownerKept) {
      cleanup();
      return writeIntoInode(target.path, bytes, original);
    }
    await pauseForTests();
    renameSync(tmp, target.path);
    created = false;
    syncFolder(dirname(target.path));
  } catch (e) {
    cleanup();
    throw e;
  } finally {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at, at);
}

/** Writes into the existing inode, keeping every hard link, mode and owner. Synchronous, so no signal handler runs halfway. */
function writeIntoInode(path: string, bytes: Uint8Array, original?: Uint8Array): void {
  const fd = openSync(path, constants.O_WRONLY);
  try {
    try {
      writeAll(fd, bytes);
      ftruncateSync(fd, bytes.length);
      fsyncSync(fd);
    } catch (e) {
      if (original) {
        writeAll(fd, original);
        ftruncateSync(fd, original.length);
        fsyncSync(fd);
      }
      throw e;
    }
  } finally {
    closeSync(fd);
  }
}

/** Flushes the folder entry of a rename (best effort: not every platform lets a folder be opened). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows and some file systems refuse; the rename itself is still atomic.
  }
}
