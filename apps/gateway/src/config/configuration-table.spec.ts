import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appConfigSchema } from '@opensts/platform';
import { gatewayEnvSchema } from './gateway-options';

// The README's configuration table is the operator's only list of what can be set: every variable
// the processes read must be in it, and nothing in it may be a variable no process reads.
const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
const rows = section.split('\n').filter((line) => line.startsWith('| `'));
const documented = new Set(rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])));
/** `DATABASE_URL_IDENTITY`, `_POLICY`… is written once with the suffixes after it. */
const expandSuffixes = (row: string) => [...row.matchAll(/`(_[A-Z]+)`/g)].map((m) => `DATABASE_URL${m[1]}`);
for (const row of rows) for (const name of expandSuffixes(row.split('|')[1])) documented.add(name);

const read = [...Object.keys(appConfigSchema.shape), ...Object.keys(gatewayEnvSchema.shape)];

describe('README configuration table', () => {
  it.each(read)('documents %s', (name) => {
    expect(documented).toContain(name);
  });

  it('documents no variable that nothing reads', () => {
    expect([...documented].filter((name) => !read.includes(name))).toEqual([]);
  });
});
