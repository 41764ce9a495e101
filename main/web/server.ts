// The web host: the same services and renderer as the desktop app, served on
// 127.0.0.1 to a browser that holds the token. It exists so the whole app runs
// (and is tested) where Electron cannot, and to reach a workbench on a bastion
// through an SSH tunnel.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { RENDERER_RESPONSE_CSP } from '../../shared/lib/csp';
import type { ServerCarrier, ServerMessage } from '../../shared/rpc/protocol';
import type { Logger } from '../services/log';
import type { Workbench } from '../services/workbench';
import { TOKEN_PARAM, cookieName, hostAllowed, newToken, originAllowed, requestToken, sameToken } from './auth';
import { resolveStatic, serveFile } from './static';

export interface WebHostOptions {
  workbench: Workbench;
  staticDir: string;
  log: Logger;
  /** 0 or absent: a free port. */
  port?: number;
  token?: string;
  /** Largest message accepted from a browser. */
  maxMessageBytes?: number;
  validateEvents?: boolean;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  /** The URL to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': RENDERER_RESPONSE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The token is in the first URL: never let it leak through a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();
  const staticDir = path.resolve(options.staticDir);
  const log = options.log;
  let port = 0;
  const sockets = new Set<Socket>();

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 8 * 1024 * 1024, perMessageDeflate: false });

  const server: Server = createServer((request, response) => {
    try {
      handleHttp(request, response);
    } catch (error) {
      log.error('web host request failed', { url: request.url, error: String(error) });
      if (!response.headersSent) plain(response, 500, 'Internal error: see the workbench log.');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function handleHttp(request: IncomingMessage, response: ServerResponse): void {
    if (!hostAllowed(request, port)) return plain(response, 403, 'Forbidden: unexpected Host header.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Method not allowed.');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (!sameToken(requestToken(request, port), token)) {
      return plain(response, 401, 'Unauthorized: open the URL the workbench printed when it started (it carries the token).');
    }
    if (url.searchParams.has(TOKEN_PARAM)) {
      // Trade the token in the URL for a cookie, and take it out of the address bar and history.
      url.searchParams.delete(TOKEN_PARAM);
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${cookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: `${url.pathname}${url.search}`,
        'Cache-Control': 'no-store',
      });
      response.end();
      return;
    }
    const file = resolveStatic(staticDir, url.pathname);
    if (!file || !serveFile(response, file, SECURITY_HEADERS)) plain(response, 404, 'Not found.');
  }

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const reject = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${text}\n`);
    };
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== '/rpc') return reject(404, 'Not Found');
    if (!hostAllowed(request, port)) return reject(403, 'Forbidden');
    if (!originAllowed(request, port)) {
      log.warn('refused a WebSocket from a foreign origin', { origin: request.headers.origin });
      return reject(403, 'Forbidden');
    }
    if (!sameToken(requestToken(request, port), token)) return reject(401, 'Unauthorized');
    wss.handleUpgrade(request, socket, head, (ws) => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    const carrier: ServerCarrier = {
      send(message: ServerMessage) {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      },
      onMessage(listener) {
        const onMessage = (data: Buffer, isBinary: boolean) => {
          if (isBinary) return listener({ t: 'binary' });
          let parsed: unknown;
          try {
            parsed = JSON.parse(data.toString('utf8'));
          } catch {
            carrier.send({ t: 'notice', error: { code: 'invalid-request', message: 'a message was not valid JSON and was dropped' } });
            return;
          }
          listener(parsed);
        };
        ws.on('message', onMessage);
        return () => ws.off('message', onMessage);
      },
      onClose(listener) {
        ws.on('close', listener);
        return () => ws.off('close', listener);
      },
    };
    options.workbench.connect(carrier, options.validateEvents ? { validateEvents: true } : {});
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?${TOKEN_PARAM}=${token}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${text}\n`);
}
