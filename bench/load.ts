import autocannon, { type CannonRequest, type CannonResult } from 'autocannon';

/** One endpoint to load: a fixed request, or paths taken in turn (so no single row stays hot). */
export type Target = {
  name: string;
  origin: string;
  method: 'GET' | 'POST';
  paths: string[];
  headers?: Record<string, string>;
  body?: string;
};

export type LoadSettings = { connections: number; durationSeconds: number; warmupSeconds: number };

export type Measurement = {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  averageMs: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

/** Cycles through the target's paths, one per request, shared by every connection. */
function rotatingRequest(target: Target): CannonRequest {
  let next = 0;
  return {
    method: target.method,
    headers: target.headers,
    body: target.body,
    setupRequest: (req) => {
      const path = target.paths[next % target.paths.length];
      next += 1;
      return { ...req, path };
    },
  };
}

function fire(target: Target, connections: number, durationSeconds: number): Promise<CannonResult> {
  if (!new URL(target.origin).hostname.startsWith('127.'))
    throw new Error('benchmarks only load loopback servers');
  return autocannon({
    url: target.origin,
    title: target.name,
    connections,
    duration: durationSeconds,
    requests: [rotatingRequest(target)],
  });
}

/**
 * A short unrecorded warm-up first (JIT, pool connections, Postgres buffers), then the measured run.
 * Errors are counted, not thrown: a run full of 4xx shows up in the table rather than vanishing.
 */
export async function measure(target: Target, settings: LoadSettings): Promise<Measurement> {
  if (settings.warmupSeconds > 0) await fire(target, settings.connections, settings.warmupSeconds);
  const r = await fire(target, settings.connections, settings.durationSeconds);
  return {
    name: target.name,
    requestsPerSecond: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    averageMs: r.latency.average,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}
