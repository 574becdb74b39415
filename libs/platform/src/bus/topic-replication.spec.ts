import { loadConfig } from '../config';
import { topicReplication } from './kafka-event-bus';

describe('the replication of the topics OpenSTS creates', () => {
  it('is one replica by default, as a single development broker needs', () => {
    expect(topicReplication(loadConfig({}).KAFKA_REPLICATION_FACTOR)).toEqual({ replicationFactor: 1, configEntries: [] });
  });

  it('keeps an acknowledged event on two replicas when the cluster has more (KAFKA_REPLICATION_FACTOR)', () => {
    expect(topicReplication(loadConfig({ KAFKA_REPLICATION_FACTOR: '3' }).KAFKA_REPLICATION_FACTOR)).toEqual({ replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] });
    expect(topicReplication(2).configEntries).toEqual([{ name: 'min.insync.replicas', value: '2' }]);
  });

  it('refuses a replication factor that is not a positive integer, naming the variable', () => {
    expect(() => loadConfig({ KAFKA_REPLICATION_FACTOR: '0' })).toThrow(/KAFKA_REPLICATION_FACTOR/);
  });
});
