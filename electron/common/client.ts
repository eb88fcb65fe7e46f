// Builds the typed `lab` object from the contract over any transport.
// The Electron preload passes an IPC transport, the web renderer a WebSocket one.

import { commandNames, type CommandArgs, type CommandName, type CommandReply, type CommandResult, type EventName, type Events } from './contract.js';

export interface Transport {
  invoke(command: CommandName, args: unknown): Promise<CommandReply<unknown>>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

export class LabCommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LabCommandError';
  }
}

type Call<K extends CommandName> = {} extends CommandArgs<K>
  ? (args?: CommandArgs<K>) => Promise<CommandResult<K>>
  : (args: CommandArgs<K>) => Promise<CommandResult<K>>;

export type LabApi = { [K in CommandName]: Call<K> } & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};

export function createLabClient(transport: Transport): LabApi {
  const api: Record<string, unknown> = {};
  for (const name of commandNames) {
    api[name] = async (args: unknown = {}) => {
      const reply = await transport.invoke(name, args);
      if (!reply.ok) throw new LabCommandError(reply.error.code, reply.error.message);
      return reply.value;
    };
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) =>
    transport.subscribe((name, payload) => {
      if (name === event) listener(payload);
    });
  return api as LabApi;
}
