// Builds the Excel task pane into dist/ (taskpane.html, commands.html, manifest.xml, assets/icon-*.png).
// `module.exports` is an array of configurations: the task pane first (its devServer is the one
// `npm run dev-server` uses), then further front ends such as the browser workbench.
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';
const DEV_PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

/** Shared by every front end: TypeScript through ts-loader, tree-shaken production output. */
function base(mode) {
  const dev = mode === 'development';
  return {
    mode,
    devtool: dev ? 'source-map' : false,
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // transpileOnly: `npm run typecheck` type-checks; the bundle build stays fast.
          use: {
            loader: 'ts-loader',
            options: { transpileOnly: true, compilerOptions: { module: 'esnext', sourceMap: dev } },
          },
        },
        // chinese-days ships an ES module build under "type": "commonjs": let webpack detect the syntax.
        { test: /\.js$/, include: /node_modules[\\/]chinese-days[\\/]/, type: 'javascript/auto' },
      ],
    },
    performance: { hints: false },
    output: { path: path.resolve(__dirname, 'dist'), publicPath: 'auto' },
  };
}

/**
 * dev-server certificates: office-addin-dev-certs installs a trusted localhost certificate on
 * Windows/macOS (it is fetched with npx there, see README-addin). Without it webpack-dev-server
 * falls back to its own self-signed certificate, which Excel will not trust.
 */
async function httpsOptions() {
  try {
    const devCerts = require('office-addin-dev-certs');
    const o = await devCerts.getHttpsServerOptions();
    return { ca: o.ca, key: o.key, cert: o.cert };
  } catch {
    console.warn(
      'jixiao: office-addin-dev-certs not available; serving with a self-signed certificate (run `npx --yes office-addin-dev-certs install` first for Excel).',
    );
    return undefined;
  }
}

async function taskpane(env, argv) {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const serving = Boolean(env && env.WEBPACK_SERVE);
  // Deploying elsewhere: JIXIAO_URL=https://example.org/jixiao/ npm run build rewrites the manifest's URLs.
  const url = process.env.JIXIAO_URL || DEV_URL;
  return {
    ...base(mode),
    name: 'taskpane',
    entry: { taskpane: './src/taskpane/index.tsx' },
    output: { ...base(mode).output, filename: '[name].js' },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/excel/commands.html',
        chunks: [],
        inject: false,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) =>
              url === DEV_URL ? content : content.toString().replace(new RegExp(DEV_URL, 'g'), url),
          },
        ],
      }),
    ],
    devServer: {
      port: DEV_PORT,
      hot: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: serving ? { type: 'https', options: await httpsOptions() } : 'https',
      static: false,
    },
  };
}

/**
 * The browser workbench: the same task pane beside a grid, on an .xlsx held in the page (src/xlsx: fflate + saxes).
 * Built into dist/workbench/ with the sample workbooks copied beside it (served by `npm run workbench`).
 */
function workbench(env, argv) {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const samples = fs
    .readdirSync(path.resolve(__dirname, 'assets/samples'))
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  return {
    ...base(mode),
    name: 'workbench',
    entry: { workbench: './src/workbench/index.tsx' },
    output: { path: path.resolve(__dirname, 'dist/workbench'), filename: '[name].js', publicPath: 'auto' },
    plugins: [
      new webpack.DefinePlugin({ __JIXIAO_SAMPLES__: JSON.stringify(samples) }),
      new HtmlWebpackPlugin({
        filename: 'index.html',
        template: './src/workbench/workbench.html',
        chunks: ['workbench'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/samples/*.xlsx', to: 'samples/[name][ext]' },
          { from: 'assets/icon-32.png', to: 'favicon.png' },
        ],
      }),
    ],
  };
}

/**
 * The WPS 表格 add-in (WPS加载项), built into dist/wps/: the add-in folder jixiao/ (index.html + main.js
 * with the ribbon callbacks, ribbon.xml, taskpane.html with the same App over WpsPort, images/) and
 * beside it the lists an office network deploys it with: jsplugins.xml (online mode: WPS loads the
 * folder from a web server each start), jsplugins-offline.xml (offline mode: a .7z of the folder,
 * downloaded once) and publish.xml (publish mode, one file per computer). The base address comes
 * from `--env wpsUrl=http://intranet/jixiao/wps/` or JIXIAO_WPS_URL (default: the local test server).
 */
function wps(env, argv) {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const version = require('./package.json').version;
  const baseUrl = String(env.wpsUrl || process.env.JIXIAO_WPS_URL || 'http://127.0.0.1:3889/wps/').replace(/\/?$/, '/');
  const outDir = env.wpsOut ? path.resolve(env.wpsOut) : path.resolve(__dirname, 'dist/wps');
  const fill = (content) =>
    content
      .toString()
      .replace(/\{\{ADDIN_URL\}\}/g, `${baseUrl}jixiao/`)
      .replace(/\{\{ARCHIVE_URL\}\}/g, `${baseUrl}jixiao_${version}.7z`)
      .replace(/\{\{VERSION\}\}/g, version);
  return {
    ...base(mode),
    name: 'wps',
    entry: { main: './src/wps/ribbon.ts', taskpane: './src/wps/taskpane.tsx' },
    output: { path: path.join(outDir, 'jixiao'), filename: '[name].js', publicPath: 'auto' },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/wps/addin/index.html', chunks: ['main'] }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/wps/addin/taskpane.html',
        chunks: ['taskpane'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/wps/addin/ribbon.xml', to: 'ribbon.xml' },
          { from: 'assets/icon-*.png', to: 'images/[name][ext]' },
          ...['jsplugins.xml', 'jsplugins-offline.xml', 'publish.xml'].map((f) => ({
            from: `src/wps/addin/${f}`,
            to: `../${f}`,
            transform: fill,
          })),
        ],
      }),
    ],
  };
}

/**
 * Office.js for an office network without internet (`--env officejs=self`): the files the task
 * pane needs from the @microsoft/office-js package are copied into dist/office-js/, taskpane.html and
 * commands.html load them from there, and the CSP names no outside host. The default build keeps
 * Microsoft's CDN, as Microsoft recommends (it carries fixes without a rebuild).
 */
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_FILES = [
  'office.js',
  'es6-promise.js',
  'o15apptofilemappingtable.js',
  // Excel's host scripts on every platform (office.js picks one by host and version at run time).
  'excel-*.js',
  'excelwebapp-*.js',
  // Office's UI strings for every display language, and the telemetry it loads beside them.
  '*/office_strings.js',
  'telemetry/**',
  'ariatelemetry/**',
];

function selfHostedOfficeJs(html) {
  return html
    .replace(OFFICE_CDN, 'office-js/office.js')
    .replace(/ https:\/\/appsforoffice\.microsoft\.com/g, '')
    .replace(/ https:\/\/ajax\.aspnetcdn\.com/g, '')
    .replace(
      "<!-- Office.js from Microsoft's CDN, as the Office Store requires. -->",
      "<!-- Office.js from this add-in's own server (npm run build -- --env officejs=self). -->",
    );
}

/** The same page from its template with Office.js taken from office-js/ (templateContent replaces template). */
function withSelfHostedOfficeJs({ template, ...options }) {
  return new HtmlWebpackPlugin({
    ...options,
    templateContent: selfHostedOfficeJs(fs.readFileSync(path.resolve(__dirname, template), 'utf8')),
  });
}

module.exports = async (env = {}, argv = {}) => {
  const pane = await taskpane(env, argv);
  if (env.officejs === 'self') {
    const officeJsDir = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
    pane.plugins = [
      ...pane.plugins.map((p) => (p instanceof HtmlWebpackPlugin ? withSelfHostedOfficeJs(p.userOptions) : p)),
      new CopyWebpackPlugin({
        patterns: OFFICE_JS_FILES.map((from) => ({
          from,
          context: officeJsDir,
          to: 'office-js/',
          globOptions: { ignore: ['**/*.debug.js'] },
          noErrorOnMissing: false,
        })),
      }),
    ];
  } else if (env.officejs && env.officejs !== 'cdn') {
    throw new Error(`--env officejs=${env.officejs}: use "cdn" (default) or "self"`);
  }
  return [pane, workbench(env, argv), wps(env, argv)];
};
module.exports.base = base;
