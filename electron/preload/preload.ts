// Runs in the sandboxed preload: builds `window.lab` from the contract over IPC.
// Bundled to one CommonJS file (sandboxed preloads cannot load other modules).

import { contextBridge, ipcRenderer } from 'electron';
import { createLabClient } from '../common/client.js';
import { ipcTransport } from './ipc-transport.js';

contextBridge.exposeInMainWorld('lab', createLabClient(ipcTransport(ipcRenderer)));
