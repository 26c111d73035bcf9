import type { Settings } from '../engine/settings';
import type { ScoreOptions } from './options';
import type { ExitCode, Io } from './main';

/** `jixiao score`: filled in when the xlsx writer and the scoring plan land. */
export async function runScore(_options: ScoreOptions, _settings: Settings, io: Io): Promise<ExitCode> {
  io.err('jixiao: score 尚未实现 (not implemented yet)');
  return 2;
}
