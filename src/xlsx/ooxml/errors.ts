/**
 * Why a file could not be read, in Chinese (for the user) and English (the CLI prints both on one
 * line). Thrown by every reader of .xlsx bytes; front ends show `zh` and exit 2.
 */
export class WorkbookReadError extends Error {
  constructor(
    readonly reason: 'not-xlsx' | 'encrypted' | 'xls' | 'corrupt' | 'empty' | 'too-large',
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}
