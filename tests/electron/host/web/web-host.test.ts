import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CHANNEL_PREFIX } from '../../../../electron/common/contract.js';
import { HostServices } from '../../../../electron/host/services.js';
import { startWebHost, type RunningWebHost } from '../../../../electron/host/web/web-host.js';

let services: HostServices;
let host: RunningWebHost;

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(path: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => undefined);
  });
}

beforeAll(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'syscall-lab-renderer-'));
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>test app</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  services = new HostServices({ userDataDir: mkdtempSync(join(tmpdir(), 'syscall-lab-ud-')), transport: 'web' });
  host = await startWebHost(services, { rendererDir: renderer });
});

afterAll(async () => {
  await host.close();
  await services.close();
});

describe('web host', () => {
  it('listens on 127.0.0.1 and prints a URL with a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('serves the app with the token and sets a same-site cookie for the assets', async () => {
    const res = await get(`/?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('test app');
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Strict/);
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'none'");
    const asset = await get('/assets/app.js', { cookie: `syscall_lab_token=${host.token}` });
    expect(asset.status).toBe(200);
  });

  it('refuses HTTP requests without the token, with a wrong token, or from another origin', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/assets/app.js')).status).toBe(403);
    expect((await get(`/?token=${'0'.repeat(48)}`)).status).toBe(403);
    const cross = await get(`/?token=${host.token}`, { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.body).toContain('cross-origin');
    // DNS rebinding: right token, foreign Host header.
    expect((await get(`/?token=${host.token}`, { host: 'evil.example' })).status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await get(`/../../../../etc/passwd?token=${host.token}`);
    expect(res.body).not.toContain('root:');
  });

  it('refuses WebSocket connections without the token or from another origin', async () => {
    expect(await openSocket('/ws')).toEqual({ status: 403 });
    expect(await openSocket(`/ws?token=${host.token}`, { origin: 'http://evil.example' })).toEqual({ status: 403 });
  });

  it('answers contract commands over the WebSocket, including typed errors for bad input', async () => {
    const opened = await openSocket(`/ws?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
    if (!('ws' in opened)) throw new Error(`socket refused: ${opened.status}`);
    const ws = opened.ws;
    const replies = new Map<number, unknown>();
    const waitFor = (id: number) =>
      new Promise<unknown>((resolve) => {
        const check = () => (replies.has(id) ? resolve(replies.get(id)) : setTimeout(check, 10));
        check();
      });
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { id: number; reply: unknown };
      replies.set(msg.id, msg.reply);
    });
    ws.send(JSON.stringify({ type: `${CHANNEL_PREFIX}invoke`, id: 1, command: 'app.info', args: {} }));
    ws.send(JSON.stringify({ type: `${CHANNEL_PREFIX}invoke`, id: 2, command: 'labs.get', args: { packId: 5 } }));
    ws.send(JSON.stringify({ type: 'other', id: 3 }));
    ws.send('not json');
    expect(await waitFor(1)).toMatchObject({ ok: true, value: { name: 'Syscall Lab', transport: 'web' } });
    expect(await waitFor(2)).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    expect(await waitFor(3)).toMatchObject({ ok: false, error: { code: 'bad-command' } });
    ws.close();
  });
});
