// One contract, two transports, the same tests: the typed client over the Electron IPC
// transport (with a fake ipcMain/ipcRenderer pair that structured-clones like Electron)
// and over the web host's WebSocket transport (the renderer's own code).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLabClient, LabCommandError, type LabApi } from '../../../electron/common/client.js';
import { isAppUrl, registerIpcHandlers } from '../../../electron/main/ipc.js';
import { ipcTransport, type IpcRendererLike } from '../../../electron/preload/ipc-transport.js';
import { HostServices } from '../../../electron/host/services.js';
import { startWebHost, type RunningWebHost } from '../../../electron/host/web/web-host.js';
import { webSocketTransport } from '../../../renderer/src/lib/transport-ws.js';

type Handler = (event: IpcMainInvokeEvent, args: unknown) => Promise<unknown>;

/** A fake of Electron's IPC pair: channels by name, arguments and results structured-cloned. */
class FakeIpc implements IpcRendererLike {
  handlers = new Map<string, Handler>();
  constructor(private readonly frameUrl: string) {}
  handle(channel: string, listener: Handler) {
    this.handlers.set(channel, listener);
  }
  async invoke(channel: string, args: unknown) {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
    const event = { sender: {}, senderFrame: { url: this.frameUrl } } as unknown as IpcMainInvokeEvent;
    return structuredClone(await h(event, structuredClone(args)));
  }
  on() {
    return this;
  }
  removeListener() {
    return this;
  }
}

const userData = () => mkdtempSync(join(tmpdir(), 'syscall-lab-contract-'));
let ipcServices: HostServices;
let webServices: HostServices;
let web: RunningWebHost;
const clients: Record<string, LabApi> = {};

beforeAll(async () => {
  ipcServices = new HostServices({ userDataDir: userData(), transport: 'electron' });
  const ipc = new FakeIpc('app://lab/index.html');
  registerIpcHandlers(ipc, ipcServices, (event) => isAppUrl(event.senderFrame!.url));
  clients.ipc = createLabClient(ipcTransport(ipc));

  webServices = new HostServices({ userDataDir: userData(), transport: 'web' });
  web = await startWebHost(webServices, { rendererDir: userData() });
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  clients.web = createLabClient(webSocketTransport(`ws://127.0.0.1:${web.port}/ws?token=${web.token}`));
});

afterAll(async () => {
  await web.close();
  await webServices.close();
  await ipcServices.close();
});

describe.each(['ipc', 'web'])('the lab API over %s', (name) => {
  const lab = () => clients[name]!;

  it('reports app info with its own transport', async () => {
    const info = await lab()['app.info']();
    expect(info.name).toBe('Syscall Lab');
    expect(info.transport).toBe(name === 'ipc' ? 'electron' : 'web');
  });

  it('lists labs from the built-in pack and opens one', async () => {
    const labs = await lab()['labs.list']();
    const hello = labs.find((l) => l.labId === 'hello-kernel');
    expect(hello).toMatchObject({ packId: 'boundary', architectures: ['x86_64', 'arm64'] });
    const detail = await lab()['labs.get']({ packId: 'boundary', labId: 'hello-kernel' });
    expect(detail.steps.length).toBeGreaterThan(0);
    // A check graded on one architecture says which; the others carry no arch.
    expect(detail.checks.find((c) => c.id === 'rcx')?.arch).toBe('x86_64');
    expect(detail.checks.find((c) => c.id === 'status')).not.toHaveProperty('arch');
  });

  it('turns invalid arguments into a typed error', async () => {
    const call = lab()['labs.get'] as (args: unknown) => Promise<unknown>;
    const err = await call({ packId: 'boundary', labId: 42 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabCommandError);
    expect((err as LabCommandError).code).toBe('bad-args');
    expect((err as LabCommandError).message).toContain('args.labId: expected a string, got number');
  });

  it('asks the core worker for its state', async () => {
    const core = await lab()['core.info']();
    expect(core.workerGeneration).toBe(1);
    expect(Array.isArray(core.architectures)).toBe(true);
  });
});

describe('IPC sender checks', () => {
  it('refuses a command from a frame that is not the app', async () => {
    const ipc = new FakeIpc('https://evil.example/');
    registerIpcHandlers(ipc, ipcServices, (event) => isAppUrl(event.senderFrame!.url));
    const err = await createLabClient(ipcTransport(ipc))['app.info']().catch((e: unknown) => e);
    expect((err as LabCommandError).code).toBe('forbidden');
  });
});
