import net from 'node:net';

/**
 * A burst: N requests sent at once, each on its own already-open keep-alive connection, as N phones
 * pressing "redeem" in the same instant would. Unlike autocannon (a fixed number of connections, each
 * sending requests one after another for a duration) every request here is different (its own cookie
 * and idempotency key), is sent exactly once, and its status and body are kept for verification.
 *
 * Plain sockets and pre-built request bytes, not http.request: creating 1,000 ClientRequests takes
 * the client 100–200 ms on a busy machine, longer than the whole bare burst, while writing 1,000
 * prepared buffers takes a few milliseconds. The answers are read by a minimal HTTP/1.1 parser
 * (status line, Content-Length body), which is all the servers under test send.
 */

export type BurstRequest = {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** A cheap GET sent first on the same connection (untimed): opens the socket and proves it answers 200. */
  warmPath: string;
};

export type BurstResponse = { status: number; body: string; latencyMs: number; endMs: number };

export type BurstResult = {
  name: string;
  requests: number;
  /** From the first request written to the last response read. */
  wallMs: number;
  /** How long writing all N requests took on the client (the burst is only as sharp as this). */
  sendSpreadMs: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
  /** `error.code` of each non-2xx answer, counted. */
  errorCodes: Record<string, number>;
  /** Requests that failed below HTTP (reset, closed, timed out): none expected. */
  transportErrors: number;
  responses: BurstResponse[];
};

/** Loopback only, and a limit on every request, so a stuck server cannot hang the benchmark. */
const REQUEST_TIMEOUT_MS = 60_000;
const WARM_CONCURRENCY = 50;

function assertLoopback(origin: string): URL {
  const url = new URL(origin);
  if (!url.hostname.startsWith('127.')) throw new Error('benchmarks only load loopback servers');
  return url;
}

function requestBytes(
  url: URL,
  r: { method: string; path: string; headers?: Record<string, string>; body?: string },
) {
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body, 'utf8');
  const headers: Record<string, string> = { host: url.host, connection: 'keep-alive', ...r.headers };
  if (r.body !== undefined) headers['content-length'] = String(body.length);
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(`${r.method} ${r.path} HTTP/1.1\r\n${head}\r\n`, 'utf8'), body]);
}

/** One keep-alive connection that sends a request and reads its one answer, as often as asked. */
class Connection {
  private buffer = Buffer.alloc(0);
  private waiting?: { resolve: (r: { status: number; body: string }) => void; reject: (e: Error) => void };

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.tryParse();
    });
    const fail = (err: Error) => {
      const w = this.waiting;
      this.waiting = undefined;
      w?.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed before the answer')));
    socket.setTimeout(REQUEST_TIMEOUT_MS, () =>
      socket.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)),
    );
  }

  static open(url: URL): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: url.hostname, port: Number(url.port) }, () => {
        socket.off('error', reject);
        resolve(new Connection(socket));
      });
      socket.once('error', reject);
    });
  }

  send(bytes: Buffer): Promise<{ status: number; body: string }> {
    if (this.waiting) throw new Error('one request at a time on a burst connection');
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
    this.socket.write(bytes);
    return answer;
  }

  private tryParse(): void {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const [statusLine, ...lines] = head.split('\r\n');
    const status = Number(statusLine.split(' ')[1]);
    const header = (name: string) =>
      lines
        .find((l) => l.toLowerCase().startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim();
    if (header('transfer-encoding')) {
      this.socket.destroy(new Error('chunked answers are not supported by the burst client'));
      return;
    }
    const length = Number(header('content-length') ?? 0);
    if (this.buffer.length < end + 4 + length) return;
    const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    this.buffer = this.buffer.subarray(end + 4 + length);
    const w = this.waiting;
    this.waiting = undefined;
    w.resolve({ status, body });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Runs `work` over the items, at most `limit` at a time. */
export async function bounded<T, R>(items: T[], limit: number, work: (item: T, i: number) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function errorCode(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string } };
    return parsed.error?.code ?? '(no error code)';
  } catch {
    return '(not JSON)';
  }
}

/**
 * Opens one keep-alive connection per request (a warm-up GET on each, bounded concurrency, untimed),
 * then writes every request in one synchronous loop and waits for all the answers.
 */
export async function burst(
  name: string,
  origin: string,
  requests: BurstRequest[],
  hooks: { beforeFire?: () => Promise<void> } = {},
): Promise<BurstResult> {
  const url = assertLoopback(origin);
  const connections: Connection[] = [];
  try {
    await bounded(requests, WARM_CONCURRENCY, async (r, i) => {
      connections[i] = await Connection.open(url);
      const warm = await connections[i].send(
        requestBytes(url, { method: 'GET', path: r.warmPath, headers: r.headers }),
      );
      if (warm.status !== 200)
        throw new Error(
          `${name}: warm-up GET ${r.warmPath} answered ${warm.status} ${warm.body.slice(0, 200)}`,
        );
    });
    const prepared = requests.map((r) => requestBytes(url, r));
    await hooks.beforeFire?.();
    let transportErrors = 0;
    const started = performance.now();
    const pending = prepared.map((bytes, i) => {
      const at = performance.now();
      return connections[i].send(bytes).then(
        (s): BurstResponse => {
          const end = performance.now();
          return { ...s, latencyMs: end - at, endMs: end - started };
        },
        (err: Error): BurstResponse => {
          transportErrors += 1;
          const end = performance.now();
          return { status: 0, body: err.message, latencyMs: end - at, endMs: end - started };
        },
      );
    });
    const sendSpreadMs = performance.now() - started;
    const responses = await Promise.all(pending);
    const wallMs = Math.max(...responses.map((r) => r.endMs));
    const latencies = responses.map((r) => r.latencyMs).sort((a, b) => a - b);
    const statuses: Record<string, number> = {};
    const errorCodes: Record<string, number> = {};
    for (const r of responses) {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status >= 300) errorCodes[errorCode(r.body)] = (errorCodes[errorCode(r.body)] ?? 0) + 1;
    }
    return {
      name,
      requests: requests.length,
      wallMs,
      sendSpreadMs,
      requestsPerSecond: (requests.length / wallMs) * 1000,
      p50Ms: percentile(latencies, 0.5),
      p90Ms: percentile(latencies, 0.9),
      p99Ms: percentile(latencies, 0.99),
      maxMs: latencies[latencies.length - 1] ?? 0,
      statuses,
      errorCodes,
      transportErrors,
      responses,
    };
  } finally {
    for (const c of connections) c?.close();
  }
}
