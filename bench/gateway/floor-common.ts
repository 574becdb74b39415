/** What the floor's processes share: their settings from the environment and their group commit. */
export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/**
 * The items submitted during one event-loop turn go to `write` together, one batch at a time
 * (the group commit the real nonce store and event store do). `write` settles each item itself.
 */
export function perTurn<T>(write: (batch: T[]) => Promise<void>): (item: T) => void {
  let pending: T[] = [];
  let writing = false;
  const drain = async () => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      await write(batch);
    }
    writing = false;
  };
  return (item) => {
    pending.push(item);
    if (!writing) {
      writing = true;
      setImmediate(() => void drain());
    }
  };
}
