import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { repoRoot } from './cli.js';
import type { LiveServer } from './live-server.js';

export interface StaticFile {
  readonly type: string;
  readonly body: string;
}

/** A static site on 127.0.0.1 (its own origin): path -> file; anything else is a 404. */
export async function servePages(files: Readonly<Record<string, StaticFile>>): Promise<LiveServer> {
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://page').pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' }).end(file.body);
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Installed client packages bundled for browsers as one ES module: the official `openai` SDK
 * (`OpenAI`) and the Vercel AI SDK (`generateText`, `streamText`, `createOpenAI`).
 */
export async function bundleClientSdks(): Promise<string> {
  const contents = [
    "export { OpenAI } from 'openai';",
    "export { generateText, streamText } from 'ai';",
    "export { createOpenAI } from '@ai-sdk/openai';",
  ].join('\n');
  const result = await build({
    stdin: { contents, resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no bundle');
  return output.text;
}
