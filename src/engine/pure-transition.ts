import {
  createActor,
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
} from 'xstate';

export type Transition = (snapshot: AnyMachineSnapshot, event: EventObject) => AnyMachineSnapshot;

/**
 * The next snapshot for a snapshot and an event, as xstate's pure `transition(machine, snapshot, event)`
 * computes it, without its cost per call: that function builds a new actor each time (and with it the
 * machine's whole initial snapshot), which was most of a turn's time in the engine. Hand-written because
 * xstate 5 offers no reusable inert scope; it reuses one built once per machine from public API
 * (`createActor`, `StateMachine.transition`). Safe for this machine: flows compile to plain states with
 * `assign` actions and guards only — no invoked or spawned actors, no delays, no emitted events — and a
 * transition runs synchronously, so calls never share anything in flight. Other actions are discarded,
 * exactly as `transition()` leaves them to its caller. tests/engine/pure-transition.test.ts checks that
 * both give the same state and context for every choice of every state.
 */
export function transitionFor(machine: AnyStateMachine): Transition {
  const self = createActor(machine);
  const ignore = () => undefined;
  const scope: AnyActorScope = {
    self,
    id: '',
    sessionId: '',
    logger: ignore,
    defer: ignore,
    system: self.system,
    stopChild: ignore,
    emit: ignore,
    actionExecutor: ignore,
  };
  return (snapshot, event) => machine.transition(snapshot, event, scope) as AnyMachineSnapshot;
}
