import { readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..');

/** The policy a page declares in its <meta http-equiv="Content-Security-Policy">, as directive → sources. */
function policyOf(htmlFile: string): Map<string, string[]> {
  const html = readFileSync(join(ROOT, htmlFile), 'utf8');
  const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  if (!content) throw new Error(`${htmlFile} has no Content-Security-Policy`);
  return new Map(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('Content-Security-Policy of the pages', () => {
  it('the task pane runs only its own scripts and Office.js, and nothing evaluates strings', () => {
    const csp = policyOf('src/taskpane/taskpane.html');
    expect(csp.get('default-src')).toEqual(["'self'"]);
    // Office.js itself, and the MicrosoftAjax.js it fetches in some hosts (OfficeDev/office-js#1005).
    expect(csp.get('script-src')).toEqual([
      "'self'",
      'https://appsforoffice.microsoft.com',
      'https://ajax.aspnetcdn.com',
    ]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    for (const sources of csp.values()) expect(sources).not.toContain("'unsafe-eval'");
    const html = readFileSync(join(ROOT, 'src/taskpane/taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js']);
  });

  it('the workbench fetches only from where it is served', () => {
    const csp = policyOf('src/workbench/workbench.html');
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    for (const sources of csp.values()) expect(sources).not.toContain("'unsafe-eval'");
  });
});
