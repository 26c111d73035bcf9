import { readFileSync } from 'fs';
import { join } from 'path';
import { FINDING_CODES } from '../src/engine/findings';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const ci = readFileSync(join(__dirname, '..', '.ci', 'run'), 'utf8');
const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));

test('the README finding-code table lists every code the engine can emit', () => {
  for (const code of Object.keys(FINDING_CODES)) expect([code, readme.includes(`| ${code} |`)]).toEqual([code, true]);
});

test('the README’s two commands exist and CI runs the test command', () => {
  expect(readme).toContain('npm ci && npm run demo');
  expect(readme).toContain('npm test');
  expect(pkg.scripts.demo).toBeDefined();
  expect(pkg.scripts.test).toBeDefined();
  expect(ci).toMatch(/^npm test$/m);
});
