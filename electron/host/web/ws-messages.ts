// Shapes of the web host's WebSocket frames. Client → host: a command with an id.
// Host → client: replies with the same id, and events.

import { CHANNEL_PREFIX } from '../../common/contract.js';

export type ClientMessage = { ok: true; id: number; command: string; args: unknown } | { ok: false; id: number | null; error: string };

export function parseClientMessage(text: string): ClientMessage {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, id: null, error: 'message is not JSON' };
  }
  if (typeof data !== 'object' || data === null) return { ok: false, id: null, error: 'message is not an object' };
  const m = data as Record<string, unknown>;
  const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : null;
  if (id === null) return { ok: false, id: null, error: 'message has no numeric id' };
  if (m.type !== `${CHANNEL_PREFIX}invoke`) return { ok: false, id, error: `unknown message type ${JSON.stringify(m.type)}` };
  if (typeof m.command !== 'string') return { ok: false, id, error: 'message has no command' };
  return { ok: true, id, command: m.command, args: m.args };
}
