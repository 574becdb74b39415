import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// nest-cli.json is how Nest tooling (nest generate, editors) finds the monorepo's projects; the
// build itself is swc (ADR 0001). A project added under apps/ or libs/ but not here, or an entry
// file moved, would leave that tooling pointing at nothing.
const root = join(__dirname, '..');
const nestCli = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')) as {
  monorepo: boolean;
  projects: Record<string, { type: 'application' | 'library'; root: string; sourceRoot: string; entryFile: string }>;
};

describe('nest-cli.json', () => {
  it('is in monorepo mode and lists every app and lib folder', () => {
    expect(nestCli.monorepo).toBe(true);
    const folders = ['apps', 'libs'].flatMap((dir) => readdirSync(join(root, dir)).map((name) => `${dir}/${name}`));
    expect(Object.values(nestCli.projects).map((p) => p.root).sort()).toEqual(folders.sort());
  });

  it.each(Object.entries(nestCli.projects))('%s points at an entry file that exists', (_name, project) => {
    expect(project.type).toBe(project.root.startsWith('apps/') ? 'application' : 'library');
    expect(existsSync(join(root, project.sourceRoot, `${project.entryFile}.ts`))).toBe(true);
  });
});
