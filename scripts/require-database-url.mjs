// `npm run test:pg` runs the suite against real PostgreSQL; without a URL it would silently use PGlite.
if (!process.env.DATABASE_URL?.startsWith('postgres')) {
  console.error('test:pg needs DATABASE_URL=postgres://user:password@127.0.0.1:5432/database');
  process.exit(2);
}
