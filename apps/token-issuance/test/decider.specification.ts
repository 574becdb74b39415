import { fold, type Decider } from '../src/issuance/decider';

/**
 * given/when/then for deciders (after emmett's DeciderSpecification): `given` past events,
 * `when` a command, `then` the new events, a refusal, or nothing at all.
 */
export const DeciderSpecification = {
  for<C, E, S>(decider: Decider<C, E, S>) {
    return {
      given(events: readonly E[]) {
        return {
          when(command: C) {
            const run = () => decider.decide(command, fold(decider, events));
            return {
              then: (expected: readonly E[]) => expect(run()).toEqual(expected),
              thenNothingHappened: () => expect(run()).toEqual([]),
              thenThrows: (check: (error: unknown) => void) => {
                let thrown: unknown;
                try {
                  run();
                } catch (e) {
                  thrown = e;
                }
                expect(thrown).toBeDefined();
                check(thrown);
              },
            };
          },
        };
      },
    };
  },
};

/** Asserts an StsError-like refusal by code and (optionally) message. */
export const refusedWith =
  (code: string, message?: string | RegExp) =>
  (error: unknown): void => {
    expect(error).toMatchObject({ code });
    if (message !== undefined) expect((error as Error).message).toMatch(message);
  };
