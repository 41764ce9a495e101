import http from 'node:http';
import WebSocket from 'ws';
import { expect, test } from './fixtures/workbench';

test('the web host answers 401 without its token', async ({ app, playwright }) => {
  const request = await playwright.request.newContext();
  const noToken = await request.get(app.web!.origin + '/');
  expect(noToken.status()).toBe(401);
  expect(await noToken.text()).toContain('token');
  expect((await request.get(app.web!.origin + '/?token=not-the-token')).status()).toBe(401);
  await request.dispose();

  const status = await new Promise<number>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${app.web!.port}/rpc`);
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
    ws.on('open', () => resolve(101));
  });
  expect(status).toBe(401);
});

test('a page from another origin cannot open the workbench socket (403)', async ({ app, browser }) => {
  // A real foreign page, served on another port, tries to connect with the user's cookie in the jar.
  const foreign = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>evil</title>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  const foreignPort = (foreign.address() as { port: number }).port;
  try {
    const page = await app.page.context().newPage();
    await page.goto(`http://127.0.0.1:${foreignPort}/`);
    const outcome = await page.evaluate(async (port) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`);
      return new Promise<string>((resolve) => {
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      });
    }, app.web!.port);
    expect(outcome).toBe('refused');
    await expect.poll(() => app.web!.log()).toContain('refused a WebSocket from a foreign origin');

    // The status itself, with a valid token even: still 403.
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${app.web!.port}/rpc?token=${app.web!.token}`, { headers: { origin: `http://127.0.0.1:${foreignPort}` } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
      ws.on('open', () => resolve(101));
    });
    expect(status).toBe(403);
  } finally {
    foreign.close();
  }
  void browser;
});
