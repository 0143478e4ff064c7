import { isApiError } from '../api/client.ts';

/**
 * The message to show for a failed action. The server already localised it; field problems from a 422
 * are appended so the user knows which field to fix.
 */
export function errorText(e: unknown): string {
  if (!isApiError(e)) return e instanceof Error ? e.message : String(e);
  const details = e.details as { path?: string; message?: string }[] | undefined;
  if (e.status === 422 && Array.isArray(details) && details.length > 0) {
    const fields = details
      .map((d) => (d.path ?? '').replace(/^\//, ''))
      .filter(Boolean)
      .join(', ');
    return fields ? `${e.message}（${fields}）` : e.message;
  }
  return e.message;
}
