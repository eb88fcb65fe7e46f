// The IPC transport the preload hands to createLabClient: one invoke channel per
// command, one event channel. Takes ipcRenderer as a parameter so tests can fake it.

import type { Transport } from '../common/client.js';
import { CHANNEL_PREFIX, type CommandReply, type EventName } from '../common/contract.js';

export interface IpcRendererLike {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: { event: EventName; payload: unknown }) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, message: { event: EventName; payload: unknown }) => void): unknown;
}

export function ipcTransport(ipc: IpcRendererLike): Transport {
  return {
    invoke: (command, args) => ipc.invoke(`${CHANNEL_PREFIX}${command}`, args) as Promise<CommandReply<unknown>>,
    subscribe(listener) {
      const handler = (_event: unknown, message: { event: EventName; payload: unknown }) => listener(message.event, message.payload);
      ipc.on(`${CHANNEL_PREFIX}event`, handler);
      return () => {
        ipc.removeListener(`${CHANNEL_PREFIX}event`, handler);
      };
    },
  };
}
