import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runInNewContext } from 'vm';
import { SaxesParser } from 'saxes';
import webpack from 'webpack';

/**
 * What `npm run build:wps` and `npm run build -- --env officejs=self` put on disk, built here with
 * the project's own webpack.config.js into a temporary folder. The task pane's bundle is replaced by
 * a stub (the e2e test loads the real one); everything these tests check (pages, ribbon, deployment
 * lists, the ribbon's script, Office.js files) comes from the real configuration.
 */
const ROOT = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const configure = require(join(ROOT, 'webpack.config.js')) as (
  env: Record<string, unknown>,
  argv: Record<string, unknown>,
) => Promise<webpack.Configuration[]>;

let out: string;
let stub: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'jixiao-build-'));
  stub = join(out, 'stub.js');
  writeFileSync(stub, 'document.title = document.title;\n');
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function build(name: string, env: Record<string, unknown>, dir: string): Promise<void> {
  const config = (await configure(env, { mode: 'development' })).find((c) => c.name === name)!;
  const entry = config.entry as Record<string, string>;
  for (const k of Object.keys(entry)) if (entry[k].endsWith('.tsx')) entry[k] = stub;
  config.output = { ...config.output, path: name === 'wps' ? config.output!.path : dir };
  config.devtool = false;
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, s) => (err || !s ? reject(err) : resolve(s))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
}

/** Parses XML strictly (saxes throws on anything malformed) into a list of elements with attributes. */
function elements(xml: string): { name: string; attributes: Record<string, string> }[] {
  const found: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (t) => found.push({ name: t.name, attributes: t.attributes as Record<string, string> }));
  parser.write(xml).close();
  return found;
}

function cspOf(html: string): string {
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  if (!csp) throw new Error('no CSP');
  return csp;
}

describe('npm run build:wps', () => {
  let dir: string;
  beforeAll(async () => {
    dir = join(out, 'wps');
    await build('wps', { wpsUrl: 'http://oa.example.gov.cn/jixiao/wps', wpsOut: dir }, dir);
  }, 600_000);

  it('builds the add-in folder WPS loads: index.html with the ribbon script, ribbon.xml, the pane, icons', () => {
    for (const f of ['index.html', 'main.js', 'ribbon.xml', 'taskpane.html', 'taskpane.js', 'images/icon-64.png'])
      expect(existsSync(join(dir, 'jixiao', f))).toBe(true);
    const index = readFileSync(join(dir, 'jixiao', 'index.html'), 'utf8');
    expect([...index.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1])).toEqual(['main.js']);
    const pane = readFileSync(join(dir, 'jixiao', 'taskpane.html'), 'utf8');
    expect([...pane.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1])).toEqual(['taskpane.js']);
    for (const html of [index, pane]) {
      expect(cspOf(html)).toMatch(/script-src 'self';/);
      expect(html).not.toMatch(/https?:\/\//);
    }
  });

  it('ribbon.xml is well-formed CustomUI with one button whose callbacks exist in main.js, and the button opens taskpane.html', () => {
    const xml = readFileSync(join(dir, 'jixiao', 'ribbon.xml'), 'utf8');
    const els = elements(xml);
    expect(els[0]).toMatchObject({
      name: 'customUI',
      attributes: { xmlns: 'http://schemas.microsoft.com/office/2006/01/customui', onLoad: 'ribbon.OnAddinLoad' },
    });
    const buttons = els.filter((e) => e.name === 'button');
    expect(buttons).toHaveLength(1);
    const button = buttons[0].attributes;
    expect(button).toMatchObject({
      id: 'jixiaoOpenPane',
      label: '绩效评价助手',
      onAction: 'ribbon.OnAction',
      getImage: 'ribbon.GetImage',
    });

    // main.js as WPS runs it: in the add-in page, with WPS's Application on the window.
    const panes: { url: string; title?: string; pane: { ID: number; Visible: boolean } }[] = [];
    const storage = new Map<string, unknown>();
    const Application = {
      PluginStorage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: unknown) => void storage.set(k, v),
      },
      CreateTaskPane: (url: string, title?: string) => {
        const pane = { ID: panes.length + 7, Visible: false };
        panes.push({ url, title, pane });
        return pane;
      },
      GetTaskPane: (id: number) => panes.find((p) => p.pane.ID === id)?.pane ?? null,
    };
    const page: Record<string, unknown> = {
      Application,
      location: { href: 'http://oa.example.gov.cn/jixiao/wps/jixiao/index.html' },
      URL,
    };
    page.globalThis = page;
    page.window = page;
    runInNewContext(readFileSync(join(dir, 'jixiao', 'main.js'), 'utf8'), page);
    const ribbon = page.ribbon as Record<string, (c: { Id: string }) => unknown>;
    for (const cb of [els[0].attributes.onLoad, button.onAction, button.getImage])
      expect(typeof ribbon[cb.replace('ribbon.', '')]).toBe('function');
    expect(ribbon.GetImage({ Id: button.id })).toBe('images/icon-64.png');
    expect(existsSync(join(dir, 'jixiao', ribbon.GetImage({ Id: button.id }) as string))).toBe(true);

    expect(ribbon.OnAction({ Id: button.id })).toBe(true);
    expect(panes.map((p) => p.url)).toEqual(['http://oa.example.gov.cn/jixiao/wps/jixiao/taskpane.html']);
    expect(panes[0].pane.Visible).toBe(true);
    // A second click hides the same pane instead of opening another.
    ribbon.OnAction({ Id: button.id });
    expect(panes).toHaveLength(1);
    expect(panes[0].pane.Visible).toBe(false);
  });

  it('writes the deployment lists for online, offline and publish modes with the given address', () => {
    const online = elements(readFileSync(join(dir, 'jsplugins.xml'), 'utf8'));
    expect(online.map((e) => e.name)).toEqual(['jsplugins', 'jspluginonline']);
    expect(online[1].attributes).toMatchObject({
      name: 'jixiao',
      type: 'et',
      url: 'http://oa.example.gov.cn/jixiao/wps/jixiao/',
    });
    const offline = elements(readFileSync(join(dir, 'jsplugins-offline.xml'), 'utf8'));
    expect(offline[1]).toMatchObject({ name: 'jsplugin', attributes: { name: 'jixiao', type: 'et' } });
    expect(offline[1].attributes.url).toMatch(/^http:\/\/oa\.example\.gov\.cn\/jixiao\/wps\/jixiao_\d+\.\d+\.\d+\.7z$/);
    expect(offline[1].attributes.version).toMatch(/^\d+\.\d+\.\d+$/);
    const publish = elements(readFileSync(join(dir, 'publish.xml'), 'utf8'));
    expect(publish[1].attributes).toMatchObject({
      name: 'jixiao',
      type: 'et',
      url: 'http://oa.example.gov.cn/jixiao/wps/jixiao/',
    });
  });
});

describe('npm run build -- --env officejs=self', () => {
  let dir: string;
  beforeAll(async () => {
    dir = join(out, 'self');
    await build('taskpane', { officejs: 'self' }, dir);
  }, 600_000);

  it('loads Office.js from dist/office-js/ and its pages name no outside host', () => {
    const html = readFileSync(join(dir, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['office-js/office.js', 'taskpane.js']);
    expect(html).not.toMatch(/https?:\/\//);
    const csp = cspOf(html);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/microsoft|aspnetcdn|'unsafe-eval'/);
    const commands = readFileSync(join(dir, 'commands.html'), 'utf8');
    expect(commands).toContain('src="office-js/office.js"');
    expect(commands).not.toMatch(/https?:\/\//);
  });

  it('copies office.js with the Excel host scripts and the Chinese strings it loads beside itself', () => {
    for (const f of [
      'office.js',
      'excel-win32-16.01.js',
      'excel-web-16.00.js',
      'excel-mac-16.00.js',
      'zh-cn/office_strings.js',
      'en-us/office_strings.js',
    ]) {
      expect(statSync(join(dir, 'office-js', f)).size).toBeGreaterThan(1000);
    }
    expect(existsSync(join(dir, 'office-js', 'office.debug.js'))).toBe(false);
    expect(existsSync(join(dir, 'office-js', 'word-win32-16.01.js'))).toBe(false);
  });

  it('the default build keeps Microsoft’s CDN', async () => {
    const config = (await configure({}, { mode: 'development' })).find((c) => c.name === 'taskpane')!;
    const plugin = config.plugins!.find(
      (p) => (p as { userOptions?: { filename?: string } }).userOptions?.filename === 'taskpane.html',
    ) as unknown as { userOptions: { template: string } };
    expect(readFileSync(join(ROOT, plugin.userOptions.template), 'utf8')).toContain(
      'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
    );
    await expect(configure({ officejs: 'elsewhere' }, {})).rejects.toThrow('officejs=elsewhere');
  });
});
