/**
 * Node's own worker_threads classes and functions, taken when the runtime loads, before
 * threads-module.ts puts the recording ones in the module's exports (which the program sees, and
 * which a bundled `import { X } from 'node:worker_threads'` would read at each use).
 */
import type * as Threads from 'node:worker_threads';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const threads = require('node:worker_threads') as typeof Threads;

export const RealWorker = threads.Worker;
export const RealMessageChannel = threads.MessageChannel;
export const RealMessagePort = threads.MessagePort;
export const RealBroadcastChannel = threads.BroadcastChannel;
export const realReceiveMessageOnPort = threads.receiveMessageOnPort;
export const realParentPort = threads.parentPort;
