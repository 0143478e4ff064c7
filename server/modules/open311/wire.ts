import type { FastifyReply } from 'fastify';

// The two wire formats of GeoReport v2. XML is the spec's required format: a declaration, then one
// root element; lists repeat a singular child element (services → service, service_requests →
// request, attributes → attribute, values → value, errors → error).

export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

export type Value = string | number | boolean | null | undefined | Value[] | { [k: string]: Value };

const CHILD: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
};

/** Characters XML 1.0 cannot carry at all (most C0 controls) are dropped; the five specials escaped. */
export function escapeXml(s: string): string {
  return (
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping what XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function element(name: string, v: Value): string {
  if (v === null || v === undefined) return `<${name}/>`;
  if (Array.isArray(v)) {
    const child = CHILD[name] ?? 'item';
    return `<${name}>${v.map((x) => element(child, x)).join('')}</${name}>`;
  }
  if (typeof v === 'object')
    return `<${name}>${Object.entries(v)
      .map(([k, x]) => element(k, x))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(v))}</${name}>`;
}

/** A whole XML document with `root` as its root element. */
export function toXml(root: string, v: Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, v)}`;
}

/** Sends `body` in the format asked for; `root` names the XML root element. */
export function send(reply: FastifyReply, format: Format, root: string, body: Value, status = 200) {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, body));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** The format named by a path's extension (`/services.xml`), or JSON when there is none we know. */
export function formatOf(url: string): Format {
  const m = url.split('?')[0].match(/\.([a-z]+)$/i);
  return m?.[1].toLowerCase() === 'xml' ? 'xml' : 'json';
}

/** W3C date-time with seconds and the Asia/Shanghai offset, as the spec asks (ISO 8601 with a zone). */
export function w3c(d: Date | null | undefined): string | null {
  if (!d) return null;
  const local = new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}
