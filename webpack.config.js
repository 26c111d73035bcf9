// Builds the Excel task pane into dist/ (taskpane.html, commands.html, manifest.xml, assets/icon-*.png).
// `module.exports` is an array of configurations: the task pane first (its devServer is the one
// `npm run dev-server` uses), then further front ends such as the browser workbench.
const path = require('path');
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
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'esnext', sourceMap: dev } } },
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
    console.warn('jixiao: office-addin-dev-certs not available; serving with a self-signed certificate (run `npx --yes office-addin-dev-certs install` first for Excel).');
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
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/taskpane/commands.html', chunks: [], inject: false }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (url === DEV_URL ? content : content.toString().replace(new RegExp(DEV_URL, 'g'), url)),
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

module.exports = async (env = {}, argv = {}) => {
  const configs = [await taskpane(env, argv)];
  // ── Further front ends go here, each as its own configuration object, e.g. the browser workbench:
  //    configs.push(workbench(env, argv))   // src/workbench/index.tsx → dist/workbench.html
  return configs;
};
module.exports.base = base;
