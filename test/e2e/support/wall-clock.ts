/**
 * Resolves once the wall clock reads a later second than `instant` (ms since the epoch): what a stamp
 * kept to the second, such as a session's issuedAt, needs to tell two moments apart.
 */
export async function leaveSecondOf(instant: number): Promise<void> {
  const next = (Math.floor(instant / 1_000) + 1) * 1_000;
  while (Date.now() < next) await new Promise((r) => setTimeout(r, next - Date.now()));
}
