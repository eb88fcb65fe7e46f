// Registers one IPC handler per contract command. Kept free of runtime 'electron'
// imports so the same registration runs in tests against a fake ipcMain.

import type { IpcMainInvokeEvent } from 'electron';
import { CHANNEL_PREFIX, commandNames } from '../common/contract.js';
import type { HostServices } from '../host/services.js';

/** The renderer's own pages: app://lab/… (compared by parts; URL.origin is 'null' for custom schemes in Node). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'lab';
  } catch {
    return false;
  }
}

/**
 * A download the window may start: only a blob the app's own page made (the progress
 * export), never a remote file a lab page links to. Electron then asks where to save it.
 */
export function isAllowedDownload(url: string): boolean {
  return url.startsWith('blob:') && isAppUrl(url.slice('blob:'.length));
}

/** The sender of an IPC message is our window's top page, loaded from app://lab (Electron security checklist 17: validate the sender of all IPC messages). */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, windowContents: unknown): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && event.sender === windowContents && isAppUrl(frame.url);
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, args: unknown) => Promise<unknown>): void;
}

export function registerIpcHandlers(ipcMain: IpcMainLike, services: HostServices, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): void {
  for (const name of commandNames) {
    ipcMain.handle(`${CHANNEL_PREFIX}${name}`, async (event, args) => {
      if (!isTrustedSender(event)) return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } };
      return services.dispatch(name, args);
    });
  }
}
