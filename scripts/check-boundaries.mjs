// The architecture's boundaries (DESIGN.md "Layout"), checked by `npm run lint`:
// - web/ imports only common/ (and packages);
// - common/ is isomorphic: it imports nothing of ours outside common/;
// - server/platform never imports server/modules (tests excepted: they may build fixtures);
// - a module imports another module only through that module's index.ts.
// A dozen regexes beat a dependency: dependency-cruiser 18 needs Node 22.
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* files(dir) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|mjs|js)$/.test(e.name)) yield p;
  }
}

const rel = (p) => path.relative(root, p).split(path.sep).join('/');
const problems = [];
for (const top of ['web', 'common', 'server']) {
  for (const file of files(path.join(root, top))) {
    const from = rel(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) continue;
      const to = rel(path.resolve(path.dirname(file), spec));
      const isTest = /\.test\.tsx?$/.test(from);
      const bad =
        (from.startsWith('web/') &&
          !to.startsWith('web/') &&
          !to.startsWith('common/') &&
          'web/ may import only common/') ||
        (from.startsWith('common/') &&
          !to.startsWith('common/') &&
          'common/ must not import outside common/') ||
        (from.startsWith('server/platform/') &&
          to.startsWith('server/modules/') &&
          !isTest &&
          'platform must not import modules') ||
        (() => {
          const a = from.match(/^server\/modules\/([^/]+)\//);
          const b = to.match(/^server\/modules\/([^/]+)\/(.+)$/);
          return (
            a &&
            b &&
            a[1] !== b[1] &&
            b[2] !== 'index.ts' &&
            !isTest &&
            `import module ${b[1]} through its index.ts`
          );
        })();
      if (bad) problems.push(`${from} → ${spec}: ${bad}`);
    }
  }
}
if (problems.length) {
  console.error(`boundary violations:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('boundaries ok');
