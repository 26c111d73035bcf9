import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
// xml2js is the parser office-addin-manifest itself uses (its own handler pulls in an ESM-only uuid jest cannot load).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const xml2js = require('xml2js') as { parseStringPromise(xml: string): Promise<ParsedManifest> };

type Node = { $?: Record<string, string> } & Record<string, unknown>;
interface ParsedManifest {
  OfficeApp: Node & Record<string, Node[] | string[]>;
}

interface ManifestInfo {
  id?: string;
  version?: string;
  defaultLocale?: string;
  displayName?: string;
  hosts?: string[];
  permissions?: string;
  officeAppType?: string;
  iconUrl?: string;
  highResolutionIconUrl?: string;
  defaultSettings?: { sourceLocation?: string };
}

/** The fields office-addin-manifest's readManifestFile reports, read the same way. */
async function parseManifest(text: string): Promise<ManifestInfo> {
  const app = (await xml2js.parseStringPromise(text)).OfficeApp;
  const first = (k: string) => (app[k] as unknown[] | undefined)?.[0];
  const attr = (k: string) => ((first(k) as Node | undefined)?.$ ?? {}).DefaultValue;
  const hosts = ((first('Hosts') as Node | undefined)?.Host as Node[] | undefined)?.map((h) => h.$!.Name);
  const settings = first('DefaultSettings') as Node | undefined;
  return {
    id: first('Id') as string,
    version: first('Version') as string,
    defaultLocale: first('DefaultLocale') as string,
    displayName: attr('DisplayName'),
    hosts,
    permissions: first('Permissions') as string,
    officeAppType: app.$?.['xsi:type'],
    iconUrl: attr('IconUrl'),
    highResolutionIconUrl: attr('HighResolutionIconUrl'),
    defaultSettings: { sourceLocation: ((settings?.SourceLocation as Node[] | undefined)?.[0]?.$ ?? {}).DefaultValue },
  };
}

const ROOT = join(__dirname, '..');
const MANIFEST = join(ROOT, 'manifest.xml');
const xml = readFileSync(MANIFEST, 'utf8');
const DEV_ORIGIN = 'https://localhost:3000/';

interface EmittedFiles {
  html: string[];
  copyFrom: string[];
}

/** What `npm run build` puts in dist/, read from webpack.config.js rather than by running a build. */
async function emitted(): Promise<EmittedFiles> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const make = require(join(ROOT, 'webpack.config.js')) as (
    env: object,
    argv: object,
  ) => Promise<{ name?: string; plugins: object[] }[]>;
  const configs = await make({}, { mode: 'production' });
  const taskpane = configs.find((c) => c.name === 'taskpane')!;
  const html = taskpane.plugins
    .filter((p) => p.constructor.name === 'HtmlWebpackPlugin')
    .map((p) => (p as { userOptions: { filename: string } }).userOptions.filename);
  const copy = taskpane.plugins.find((p) => p.constructor.name === 'CopyPlugin') as {
    patterns: { from: string; to: string }[];
  };
  return { html, copyFrom: copy.patterns.map((p) => p.from) };
}

/** The file a manifest URL points at, if the build emits it (HTML pages, or an asset copied from the repo). */
function resolves(url: string, files: EmittedFiles): boolean {
  if (!url.startsWith(DEV_ORIGIN)) return false;
  const rel = url.slice(DEV_ORIGIN.length);
  if (files.html.includes(rel)) return true;
  const glob = files.copyFrom.find((g) =>
    new RegExp(`^${g.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`).test(rel),
  );
  return Boolean(glob) && existsSync(join(ROOT, rel));
}

describe('manifest.xml', () => {
  let info: ManifestInfo;
  beforeAll(async () => {
    info = await parseManifest(xml);
  });

  it('parses as an Excel task-pane add-in with a GUID id, zh-CN default and an en-US override', () => {
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.defaultLocale).toBe('zh-CN');
    expect(info.displayName).toBe('绩效评价助手');
    expect(xml).toMatch(/<Override Locale="en-US" Value="[^"]+"\/>/);
  });

  it('has the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(info.version).toBe(`${pkg.version}.0`);
  });

  it('asks for ExcelApi 1.13, the set the adapter checks at run time', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { REQUIRED_API } = require('../src/excel/port') as typeof import('../src/excel/port');
    expect(xml).toContain(`<Set Name="${REQUIRED_API.set}" MinVersion="${REQUIRED_API.version}"/>`);
  });

  it('opens the task pane from a Home tab button', () => {
    expect(xml).toMatch(
      /<OfficeTab id="TabHome">[\s\S]*<Action xsi:type="ShowTaskpane">[\s\S]*<SourceLocation resid="Taskpane.Url"\/>/,
    );
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV_ORIGIN}taskpane.html`);
  });

  it('points only at files the build emits', async () => {
    const files = await emitted();
    const urls = [...xml.matchAll(/DefaultValue="(https:\/\/localhost:3000\/[^"]*)"/g)].map((m) => m[1]);
    expect(urls).toEqual(
      expect.arrayContaining([
        `${DEV_ORIGIN}taskpane.html`,
        `${DEV_ORIGIN}commands.html`,
        `${DEV_ORIGIN}assets/icon-80.png`,
      ]),
    );
    expect(urls.filter((u) => !resolves(u, files))).toEqual([]);
    for (const u of [info.iconUrl!, info.highResolutionIconUrl!]) expect(resolves(u, files)).toBe(true);
    // A URL to a file nobody builds is caught.
    expect(resolves(`${DEV_ORIGIN}assets/icon-48.png`, files)).toBe(false);
  });
});
