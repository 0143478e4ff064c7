/** The part of autocannon 9's programmatic API the load script uses (the package ships no types). */
declare module 'autocannon' {
  export type CannonRequest = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Called before each request; returns the request to send. */
    setupRequest?: (req: CannonRequest, context: Record<string, unknown>) => CannonRequest;
  };

  export type CannonOptions = {
    url: string;
    title?: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: CannonRequest[];
  };

  /** Percentiles of one histogram; latencies are in milliseconds, requests and throughput per second. */
  export type CannonHistogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  };

  export type CannonResult = {
    title?: string;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    latency: CannonHistogram;
    requests: CannonHistogram & { sent: number };
    throughput: CannonHistogram;
  };

  export type CannonInstance = Promise<CannonResult> & { stop(): void };

  export default function autocannon(opts: CannonOptions): CannonInstance;
}
