import { execFile } from 'child_process';
import { access, constants, mkdtemp, readdir, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { basename, delimiter, extname, join } from 'path';

/**
 * Turns an old binary workbook (.xls, WPS .et, .xlsb) into an .xlsx jixiao can read. The CLI is
 * given one; tests give it a fake, so the path through conversion is tested on machines without
 * LibreOffice.
 */
export interface LegacyConverter {
  /** A short name for messages (“LibreOffice”). */
  readonly name: string;
  /** Converts `file` into an .xlsx inside `outDir` and returns its path; rejects when it cannot. */
  convert(file: string, outDir: string): Promise<string>;
}

/** The advice printed for an old file that was not converted. */
export const CONVERT_ADVICE = {
  zh: '请在 Excel 或 WPS 中打开并“另存为” .xlsx 后再检查，或安装 LibreOffice（soffice）后由 jixiao 自动转换',
  en: 'save it as .xlsx in Excel or WPS, or install LibreOffice (soffice) so jixiao converts it',
};

/** The first executable named `name` on PATH, or undefined. */
export async function findOnPath(name: string, path = process.env.PATH ?? ''): Promise<string | undefined> {
  const exts = process.platform === 'win32' ? ['.exe', '.com', ''] : [''];
  for (const dir of path.split(delimiter).filter(Boolean))
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (
        await access(candidate, constants.X_OK).then(
          () => true,
          () => false,
        )
      )
        return candidate;
    }
  return undefined;
}

/** LibreOffice headless (`soffice --headless --convert-to xlsx --outdir DIR FILE`), when soffice is on PATH. */
export async function libreOfficeConverter(): Promise<LegacyConverter | undefined> {
  const soffice = (await findOnPath('soffice')) ?? (await findOnPath('libreoffice'));
  if (!soffice) return undefined;
  return {
    name: 'LibreOffice',
    convert: (file, outDir) =>
      new Promise((done, fail) => {
        // A profile of its own, so a LibreOffice the user has open does not swallow the request.
        const profile = `-env:UserInstallation=file://${join(outDir, '.profile').replace(/\\/g, '/')}`;
        execFile(
          soffice,
          [profile, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, file],
          { timeout: 120_000 },
          async (error) => {
            const want = `${basename(file, extname(file))}.xlsx`;
            const made = (await readdir(outDir).catch(() => [] as string[])).includes(want);
            if (error || !made) fail(new Error('conversion failed'));
            else done(join(outDir, want));
          },
        );
      }),
  };
}

/** A temporary folder for converted files, removed by `dispose` whatever happened. */
export async function conversionFolder(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-convert-'));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
