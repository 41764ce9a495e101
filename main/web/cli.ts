// `node dist/web/server.cjs [--port N] [--data-dir DIR]`: start the web host
// and print the URL (with its token) to open.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../services/log';
import { defaultDataDir } from '../services/store';
import { Workbench } from '../services/workbench';
import { startWebHost } from './server';

declare const __WORKBENCH_VERSION__: string;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'static-dir': { type: 'string' },
      'validate-events': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (0-65535), not "${values.port}"`);
    process.exit(2);
  }
  const log = createLogger('web');
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
  const workbench = new Workbench({
    host: 'web',
    version: __WORKBENCH_VERSION__,
    dataDir,
    log,
    // The browser opens links itself; the renderer does so when this answers false.
    openExternal: async () => false,
    deployExamplesDir: path.join(__dirname, '..', 'examples', 'deploy'),
  });
  const host = await startWebHost({
    workbench,
    staticDir: values['static-dir'] ?? path.join(__dirname, '..', 'renderer'),
    log,
    port,
    validateEvents: values['validate-events'],
  });
  // One line a script can parse; the token is the only secret and goes only to stdout.
  process.stdout.write(`Workbench web host ready: ${host.url}\n`);
  log.info('serving', { port: host.port, dataDir });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`stopping (${signal})`);
    workbench.dispose();
    void host.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`The web host could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
