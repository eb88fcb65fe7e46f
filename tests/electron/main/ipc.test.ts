// Every IPC channel main registers checks its sender before the host sees the message:
// only our own window's app://lab page may call a command.
import type { IpcMainInvokeEvent } from 'electron';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNEL_PREFIX, commandNames } from '../../../electron/common/contract.js';
import { HostServices } from '../../../electron/host/services.js';
import { isAllowedDownload, isAppUrl, isTrustedSender, registerIpcHandlers, type IpcMainLike } from '../../../electron/main/ipc.js';

type Handler = (event: IpcMainInvokeEvent, args: unknown) => Promise<unknown>;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
}

const ourContents = { id: 1 };
const otherContents = { id: 2 };
function event(sender: object, url: string | null): IpcMainInvokeEvent {
  return { sender, senderFrame: url === null ? null : { url } } as unknown as IpcMainInvokeEvent;
}

const services = new HostServices({ userDataDir: mkdtempSync(join(tmpdir(), 'syscall-lab-ipc-')), transport: 'electron' });
afterAll(async () => {
  await services.close();
});

describe('isAppUrl', () => {
  it('accepts only app://lab pages', () => {
    expect(isAppUrl('app://lab/index.html')).toBe(true);
    expect(isAppUrl('app://lab/')).toBe(true);
    for (const url of ['app://evil/index.html', 'file:///index.html', 'https://lab/index.html', 'http://127.0.0.1:5173/', 'about:blank', 'not a url', '', 'app://lab.evil.com/']) expect(isAppUrl(url), url).toBe(false);
  });
});

describe('isAllowedDownload', () => {
  it('lets the app save blobs its own page made, and nothing else', () => {
    expect(isAllowedDownload('blob:app://lab/4f1c2d3e-0000-4000-8000-000000000000')).toBe(true);
    for (const url of ['https://example.com/x.zip', 'blob:https://example.com/1', 'blob:app://evil/1', 'app://lab/index.html', 'blob:', 'data:text/plain,x']) expect(isAllowedDownload(url), url).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('requires our window, a frame, and an app://lab URL', () => {
    expect(isTrustedSender(event(ourContents, 'app://lab/index.html'), ourContents)).toBe(true);
    expect(isTrustedSender(event(otherContents, 'app://lab/index.html'), ourContents)).toBe(false);
    expect(isTrustedSender(event(ourContents, null), ourContents)).toBe(false);
    expect(isTrustedSender(event(ourContents, 'https://example.com/'), ourContents)).toBe(false);
  });
});

describe('registerIpcHandlers', () => {
  const ipc = new FakeIpcMain();
  registerIpcHandlers(ipc, services, (e) => isTrustedSender(e, ourContents));

  it('registers exactly one channel per contract command', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(commandNames.map((n) => `${CHANNEL_PREFIX}${n}`).sort());
  });

  it.each(commandNames)('%s refuses an untrusted sender before validating or dispatching', async (name) => {
    const handler = ipc.handlers.get(`${CHANNEL_PREFIX}${name}`)!;
    for (const e of [event(otherContents, 'app://lab/index.html'), event(ourContents, 'https://evil.example/'), event(ourContents, null)]) {
      expect(await handler(e, {})).toEqual({ ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } });
    }
  });

  it('passes a trusted sender through to the host', async () => {
    const reply = await ipc.handlers.get(`${CHANNEL_PREFIX}core.info`)!(event(ourContents, 'app://lab/index.html'), {});
    expect(reply).toMatchObject({ ok: true });
  });
});
