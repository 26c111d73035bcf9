import { readFileSync } from 'fs';
import { join } from 'path';
import { readWorkbookBytes } from '../../src/xlsx/read';
import type { WorkbookInput } from '../../src/engine/model/sheet';
import { analyzeWorkbook, type Analysis } from '../../src/engine/analyze';

export const SAMPLES_DIR = join(__dirname, '..', '..', 'assets', 'samples');
export const SAMPLE_FILES = [
  'qixia-2021.xlsx',
  'qingdao-2020.xlsx',
  'east-west-2020.xlsx',
  'beijing-2020.xlsx',
  'xihaian-2018.xlsx',
] as const;
export type SampleFile = (typeof SAMPLE_FILES)[number];

const cache = new Map<string, Promise<WorkbookInput>>();

/** A bundled sample workbook as the engine receives it (read once per test file). */
export function loadSample(file: SampleFile): Promise<WorkbookInput> {
  let p = cache.get(file);
  if (!p) {
    p = readWorkbookBytes(new Uint8Array(readFileSync(join(SAMPLES_DIR, file))), file);
    cache.set(file, p);
  }
  return p;
}

export async function analyzeSample(file: SampleFile, settings?: unknown): Promise<Analysis> {
  return analyzeWorkbook(await loadSample(file), settings);
}

export interface ExpectedEntry {
  readonly file: SampleFile;
  readonly sheet: string;
  readonly cell: string;
  readonly kind: string;
  readonly detail: string;
  readonly required?: boolean;
}

export function loadExpected(): ExpectedEntry[] {
  return JSON.parse(readFileSync(join(__dirname, '..', 'expected.json'), 'utf8')) as ExpectedEntry[];
}
