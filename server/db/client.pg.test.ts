import { afterAll, expect, it } from 'vitest';
import { adminUrl } from '../../test/pg-admin.ts';
import { openPostgres } from './client.ts';

// The server may drop an idle connection at any time (restart, pg_terminate_backend, DROP DATABASE
// … WITH (FORCE)). That must cost one connection, never the process.
const url = process.env.DATABASE_URL!;
const dbs: Awaited<ReturnType<typeof openPostgres>>[] = [];
afterAll(async () => {
  for (const d of dbs) await d.close();
});

it('an idle connection terminated by the server is dropped, and the next query opens a new one', async () => {
  const d = await openPostgres(adminUrl(url), 1);
  const killer = await openPostgres(adminUrl(url), 1);
  dbs.push(d, killer);
  const pool = d.pool!;
  const { rows } = await pool.query<{ pid: number }>('select pg_backend_pid() as pid');
  const removed = new Promise((resolve) => pool.once('remove', resolve));
  await killer.pool!.query('select pg_terminate_backend($1)', [rows[0].pid]);
  await removed;
  const again = await pool.query<{ pid: number }>('select pg_backend_pid() as pid');
  expect(again.rows[0].pid).not.toBe(rows[0].pid);
});
