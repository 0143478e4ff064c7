#!/usr/bin/env node
// `npm start` calls this: build the web app only when dist/web is missing or older than any source
// file in web/ or common/, so a normal start costs nothing and a changed source is never served stale.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outIndex = path.join(root, 'dist', 'web', 'index.html');
const sources = ['web', 'common'].map((d) => path.join(root, d));
const skipDirs = new Set(['node_modules', 'dist']);

/** Newest modification time of any file under `dir` (0 when the folder does not exist). */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipDirs.has(e.name)) newest = Math.max(newest, newestMtime(p));
    } else if (e.isFile()) {
      newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  }
  return newest;
}

function builtAt() {
  try {
    return fs.statSync(outIndex).mtimeMs;
  } catch {
    return 0;
  }
}

const built = builtAt();
const newest = Math.max(...sources.map(newestMtime));
if (built > 0 && built >= newest) process.exit(0);

console.log(built ? 'web sources changed: rebuilding dist/web …' : 'building the web app into dist/web …');
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const result = spawnSync(
  process.execPath,
  [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
