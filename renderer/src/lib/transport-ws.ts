// The web host's transport: one WebSocket, requests matched to replies by id.

import { CHANNEL_PREFIX, type CommandName, type CommandReply, type EventName } from '../../../electron/common/contract.js';
import type { Transport } from '../../../electron/common/client.js';

type Waiter = (reply: CommandReply<unknown>) => void;

export function webSocketTransport(url: string): Transport {
  let nextId = 1;
  const waiters = new Map<number, Waiter>();
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;

  function connect(): Promise<WebSocket> {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        resolve(ws);
      };
      ws.onerror = () => reject(new Error('cannot reach the Syscall Lab host'));
      ws.onclose = () => {
        socket = null;
        opened = null;
        for (const [id, waiter] of waiters) {
          waiter({ ok: false, error: { code: 'failed', message: 'the connection to the host closed' } });
          waiters.delete(id);
        }
      };
      ws.onmessage = (ev) => {
        const msg = JSON.parse(String(ev.data)) as { type: string; id?: number; reply?: CommandReply<unknown>; event?: EventName; payload?: unknown };
        if (msg.type === `${CHANNEL_PREFIX}reply` && typeof msg.id === 'number' && msg.reply) {
          waiters.get(msg.id)?.(msg.reply);
          waiters.delete(msg.id);
        } else if (msg.type === `${CHANNEL_PREFIX}event` && msg.event) {
          for (const l of listeners) l(msg.event, msg.payload);
        }
      };
    });
    return opened;
  }

  return {
    async invoke(command: CommandName, args: unknown) {
      const ws = socket ?? (await connect());
      const id = nextId++;
      return new Promise<CommandReply<unknown>>((resolve) => {
        waiters.set(id, resolve);
        ws.send(JSON.stringify({ type: `${CHANNEL_PREFIX}invoke`, id, command, args }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
  };
}
