/**
 * An event-sourced aggregate as three pure functions (STYLE §2): the state is the left fold of
 * `evolve` over the stream from `initialState()`, and `decide` turns a command into new events
 * (none for a no-op) or throws the error that refuses it.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export const fold = <E, S>(decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>, events: readonly E[]): S =>
  events.reduce(decider.evolve, decider.initialState());
