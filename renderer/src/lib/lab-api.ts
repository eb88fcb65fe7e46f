// `window.lab`: the one typed API the renderer uses. In Electron the preload has put it
// there already (over IPC); in a browser we build it over the web host's WebSocket.

import { createLabClient, type LabApi } from '../../../electron/common/client.js';
import { webSocketTransport } from './transport-ws.js';

declare global {
  interface Window {
    lab?: LabApi;
  }
}

export function getLabApi(): LabApi {
  if (window.lab) return window.lab;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const wsUrl = `ws://${window.location.host}/ws?token=${encodeURIComponent(token)}`;
  const api = createLabClient(webSocketTransport(wsUrl));
  window.lab = api;
  return api;
}
