import type { TestProject } from 'vitest/node';
import { type RunningServer, startServer } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

let server: RunningServer | undefined;

/** One server for all journeys: seeding the demo district is the slow part (tens of seconds). */
export async function setup(project: TestProject) {
  server = await startServer();
  project.provide('baseURL', server.baseURL);
}

export async function teardown() {
  await server?.stop();
}
