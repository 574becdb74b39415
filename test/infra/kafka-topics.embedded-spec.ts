import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_TOPICS } from '../../libs/sts-core/src/events';

/** `npm run infra:up` creates the topics deploy/kafka/topics.txt lists: exactly the ones the services use. */
describe('deploy/kafka/topics.txt', () => {
  it('lists every topic of topics.ts and no other', () => {
    const listed = readFileSync(join(__dirname, '..', '..', 'deploy', 'kafka', 'topics.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => line.split(/\s+/)[0]);
    expect([...listed].sort()).toEqual([...ALL_TOPICS].sort());
  });
});
