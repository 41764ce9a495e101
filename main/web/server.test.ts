// The web host's doors, tested over real HTTP and WebSocket on 127.0.0.1.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../services/log';
import { Workbench } from '../services/workbench';
import { startWebHost, type WebHost } from './server';

let dir: string;
let host: WebHost;
let workbench: Workbench;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wb-web-'));
  const staticDir = path.join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>wb</title>');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside the static root');
  const log = createLogger('test', 'silent');
  workbench = new Workbench({ host: 'web', version: 'test', dataDir: path.join(dir, 'data'), log, openExternal: async () => false });
  host = await startWebHost({ workbench, staticDir, log });
});
afterAll(async () => {
  await host.close();
  workbench.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function get(urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: host.port, path: urlPath, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

function upgrade(query: string, headers: Record<string, string> = {}): Promise<{ status: number } | { open: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc${query}`, { headers });
    ws.on('open', () => resolve({ open: ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode! }));
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers 401 without the token', async () => {
    const res = await get('/');
    expect(res.status).toBe(401);
    expect(res.body).toMatch(/token/);
    expect((await get('/?token=wrong')).status).toBe(401);
  });

  it('trades the token in the URL for an HttpOnly cookie and takes it out of the address bar', async () => {
    const res = await get(`/?token=${host.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await get('/', { cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get(`/?token=${host.token}`, { host: `evil.example:${host.port}` })).status).toBe(403);
  });

  it('does not serve files outside its root', async () => {
    const cookie = `wb_token_${host.port}=${host.token}`;
    expect((await get('/../secret.txt', { cookie })).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt', { cookie })).status).toBe(404);
  });

  it('answers 401 to a WebSocket without the token and 403 to a foreign Origin', async () => {
    expect(await upgrade('')).toEqual({ status: 401 });
    expect(await upgrade(`?token=${host.token}`, { origin: 'https://evil.example' })).toEqual({ status: 403 });
    expect(await upgrade('', { origin: 'https://evil.example' })).toEqual({ status: 403 });
  });

  it('validates every message on an accepted socket and keeps it open', async () => {
    const result = await upgrade(`?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
    expect('open' in result).toBe(true);
    const ws = (result as { open: WebSocket }).open;
    const replies: unknown[] = [];
    ws.on('message', (data) => replies.push(JSON.parse(String(data))));
    ws.send('{not json');
    ws.send(JSON.stringify({ t: 'call', id: 1, name: 'terminals.open', payload: { kind: 'local', cols: 'wide', rows: 24 } }));
    ws.send(JSON.stringify({ t: 'call', id: 2, name: 'settings.get', payload: {} }));
    await expect.poll(() => replies.length).toBe(3);
    expect(replies[0]).toMatchObject({ t: 'notice', error: { code: 'invalid-request', message: expect.stringMatching(/not valid JSON/) } });
    expect(replies[1]).toMatchObject({ t: 'reply', id: 1, ok: false, error: { code: 'invalid-request', call: 'terminals.open', field: 'cols' } });
    expect(replies[2]).toMatchObject({ t: 'reply', id: 2, ok: true });
    ws.close();
  });
});
