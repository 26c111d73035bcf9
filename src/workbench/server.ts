import { createServer, type Server } from 'http';
import { readFile, stat } from 'fs/promises';
import { extname, join, normalize, resolve, sep } from 'path';

/**
 * Serves the built workbench (dist/workbench) on localhost over plain http: the page runs the
 * engine in the browser, so the server only hands out files. Used by `npm run workbench` and the
 * end-to-end tests.
 */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.map': 'application/json',
};

export const WORKBENCH_DIR = resolve(__dirname, '..', '..', 'dist', 'workbench');

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startWorkbenchServer(
  options: { root?: string; port?: number; host?: string } = {},
): Promise<RunningServer> {
  const root = options.root ?? WORKBENCH_DIR;
  const host = options.host ?? '127.0.0.1';
  try {
    await stat(join(root, 'index.html'));
  } catch {
    throw new Error(
      `工作台尚未构建：找不到 ${join(root, 'index.html')}，请先运行 npm run build (the workbench is not built)`,
    );
  }
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
      const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(root + sep) && file !== root) {
        res.writeHead(403).end();
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(body);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('未找到 (not found)');
      }
    })();
  });
  const port = await listen(server, options.port ?? 0, host);
  return {
    url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const address = server.address();
      done(typeof address === 'object' && address ? address.port : port);
    });
  });
}

async function cli(): Promise<void> {
  const asked = Number(process.argv.find((a) => /^--port=\d+$/.test(a))?.slice(7) ?? process.env.JIXIAO_PORT ?? 3100);
  let lastError: unknown;
  // The usual port may be taken (another dev server): try the next few.
  for (let port = asked; port < asked + 10; port++) {
    try {
      const server = await startWorkbenchServer({ port });
      console.log(`绩效评价助手工作台已启动 (workbench running): ${server.url}`);
      console.log('按 Ctrl+C 停止 (Ctrl+C to stop)');
      return;
    } catch (e) {
      lastError = e;
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') break;
    }
  }
  console.error(`jixiao: ${(lastError as Error).message}`);
  process.exitCode = 2;
}

if (require.main === module) void cli();
