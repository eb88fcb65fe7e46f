// The core's home: a worker_thread that owns every emulated machine. Anything the
// guest does that is slow or hostile stays here; the host can always terminate us.

import { parentPort, workerData } from 'node:worker_threads';
import { assertNever, type WorkerReply, type WorkerRequest } from './protocol.js';
import { beginCall, handleCall } from './worker-ops.js';
import './machine-ops.js';
import './inspect-ops.js';
import './measure-ops.js';
import './lab-ops.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run inside a worker_thread');
const generation = (workerData as { generation: number }).generation;

function send(reply: WorkerReply): void {
  port!.postMessage(reply);
}

port.on('message', (request: WorkerRequest) => {
  switch (request.type) {
    case 'info':
      send({ type: 'result', id: request.id, value: { generation, architectures: handleCall.architectures() } });
      return;
    case 'fault-inject':
      injectFault(request.mode);
      return;
    case 'call':
      beginCall(request.id);
      try {
        const value = handleCall.run(request.op, request.payload, request.budget, (progress) =>
          send({ type: 'progress', id: request.id, value: progress }),
        );
        send({ type: 'result', id: request.id, value });
      } catch (err) {
        send({ type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) });
      }
      return;
    default:
      assertNever(request);
  }
});

function injectFault(mode: 'throw' | 'hang' | 'exit'): void {
  switch (mode) {
    case 'throw':
      // Thrown outside any handler's try: an uncaught exception kills the worker.
      setTimeout(() => {
        throw new Error('injected fault: worker threw');
      }, 0);
      return;
    case 'hang':
      for (;;) {
        // A guest-style infinite loop that never yields to the event loop.
      }
    case 'exit':
      process.exit(3);
  }
}

send({ type: 'ready', generation });
