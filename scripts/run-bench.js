#!/usr/bin/env node
// `npm run bench -- <name> [args…]`: compiles bench/, apps/, libs/ and test/support with swc into a
// scratch folder (no ts-node; services the bench starts run from that tree, not from a dist/ being
// rebuilt) and runs bench/<name>/<name>.bench.js with the arguments given. Figures go to stdout;
// copy them into bench/RESULTS.md with the command line you used.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const names = readdirSync(join(root, 'bench'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'bench', d.name, `${d.name}.bench.ts`)))
  .map((d) => d.name);
const [name, ...args] = process.argv.slice(2);
if (!names.includes(name ?? '')) {
  process.stderr.write(`usage: npm run bench -- <${names.join('|')}> [args…]\n`);
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), `opensts-bench-${name}-`));
try {
  execFileSync(join(root, 'node_modules', '.bin', 'swc'), ['bench', 'apps', 'libs', 'test/support', '-d', out, '--quiet', '--copy-files'], { cwd: root, stdio: 'inherit' });
  const run = spawnSync(process.execPath, [join(out, 'bench', name, `${name}.bench.js`), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
  });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
