/**
 * What a command writes to, so tests capture it and the process decides what is a terminal.
 * 0: no error-severity finding; 1: some; 2: a workbook could not be checked or the command was
 * wrong; 130: interrupted (Ctrl-C), after printing what was done.
 */
export type ExitCode = 0 | 1 | 2 | 130;

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** A transient status line (progress), overwritten by the next; '' clears it. Absent when stderr is not a terminal. */
  readonly status?: (s: string) => void;
}

const line = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);

/** Clips a status line to the terminal's width (CJK characters take two columns). */
function clip(s: string, columns: number): string {
  let width = 0;
  let out = '';
  for (const ch of s) {
    width += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
    if (width >= columns) break;
    out += ch;
  }
  return out;
}

export function processIo(): Io {
  const stderr = process.stderr;
  return {
    out: (s) => process.stdout.write(line(s)),
    err: (s) => process.stderr.write(line(s)),
    ...(stderr.isTTY ? { status: (s: string) => stderr.write(`\r\x1b[K${clip(s, stderr.columns || 80)}`) } : {}),
  };
}
