// The web host: the built renderer and the host services over HTTP + WebSocket, on
// 127.0.0.1 only. A random per-run token (in the printed URL) is required on every
// request; the Host and Origin headers must name this server (DNS rebinding, CSRF).

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CHANNEL_PREFIX } from '../../common/contract.js';
import type { HostServices } from '../services.js';
import { serveStatic } from './static-files.js';
import { parseClientMessage } from './ws-messages.js';

export interface WebHostOptions {
  port?: number;
  rendererDir: string;
  token?: string;
}

export interface RunningWebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'syscall_lab_token';

function sameToken(a: string | null | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE && v) return v;
  }
  return null;
}

export async function startWebHost(services: HostServices, options: WebHostOptions): Promise<RunningWebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  let origin = '';
  let allowedHosts: string[] = [];

  /** Returns a reason to refuse, or null when the request may proceed. */
  function refuse(req: IncomingMessage, url: URL): string | null {
    if (!allowedHosts.includes(req.headers.host ?? '')) return 'unexpected Host header';
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && reqOrigin !== origin) return 'cross-origin request refused';
    if (!sameToken(url.searchParams.get('token'), token) && !sameToken(cookieToken(req), token)) return 'missing or wrong token';
    return null;
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const why = refuse(req, url);
    if (why) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`403 Forbidden: ${why}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const extraHeaders: Record<string, string> = {};
    if (sameToken(url.searchParams.get('token'), token)) {
      extraHeaders['set-cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    void serveStatic(options.rendererDir, url.pathname, req.method === 'HEAD', res, extraHeaders);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const why = url.pathname !== '/ws' ? 'no such endpoint' : refuse(req, url);
    if (why) {
      socket.write(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${why}\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const unsubscribe = services.on((event, payload) => {
      ws.send(JSON.stringify({ type: `${CHANNEL_PREFIX}event`, event, payload }));
    });
    ws.on('close', unsubscribe);
    ws.on('message', (data) => {
      const msg = parseClientMessage(data.toString());
      if (!msg.ok) {
        ws.send(JSON.stringify({ type: `${CHANNEL_PREFIX}reply`, id: msg.id, reply: { ok: false, error: { code: 'bad-command', message: msg.error } } }));
        return;
      }
      void services.dispatch(msg.command, msg.args).then((reply) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: `${CHANNEL_PREFIX}reply`, id: msg.id, reply }));
      });
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
