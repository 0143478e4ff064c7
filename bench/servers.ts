import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { ServeReady, ServeRequest } from './serve.ts';

/** Forks bench/serve.ts under tsx and waits for the two ports it listens on. */
export function startServers(
  url: string,
  profile: boolean,
): Promise<{ child: ChildProcess; ready: ServeReady }> {
  // --cpu-prof writes a .cpuprofile (open in Chrome DevTools) when the server process exits.
  const profiling = profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve('bench/out')] : [];
  const child = fork(path.resolve('bench/serve.ts'), [], {
    execArgv: ['--import', 'tsx', ...profiling],
    env: { ...process.env, BENCH_DATABASE_URL: url },
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before it was ready`)));
    child.once('message', (msg: ServeReady) => resolve({ child, ready: msg }));
  });
}

/** One question to the server process over IPC, answered by one message. */
export function ask<T>(child: ChildProcess, request: ServeRequest): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (msg: T) => resolve(msg));
    child.send(request);
  });
}

export function stopServers(child: ChildProcess): void {
  child.send({ type: 'stop' } satisfies ServeRequest);
}
