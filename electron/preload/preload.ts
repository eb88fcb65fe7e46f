// Runs in the sandboxed preload: builds `window.lab` from the contract over IPC.
// Bundled to one CommonJS file (sandboxed preloads cannot load other modules).

import { contextBridge, ipcRenderer } from 'electron';
import { createLabClient, type Transport } from '../common/client.js';
import { CHANNEL_PREFIX, type CommandReply, type EventName } from '../common/contract.js';

const transport: Transport = {
  invoke: (command, args) => ipcRenderer.invoke(`${CHANNEL_PREFIX}${command}`, args) as Promise<CommandReply<unknown>>,
  subscribe(listener) {
    const handler = (_event: unknown, message: { event: EventName; payload: unknown }) => listener(message.event, message.payload);
    ipcRenderer.on(`${CHANNEL_PREFIX}event`, handler);
    return () => {
      ipcRenderer.removeListener(`${CHANNEL_PREFIX}event`, handler);
    };
  },
};

contextBridge.exposeInMainWorld('lab', createLabClient(transport));
