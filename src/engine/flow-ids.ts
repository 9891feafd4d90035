/** State ids are `flow.state`; flow files write targets as `state` (same flow) or `flow:state`. */
export const MACHINE_ID = 'roadmap';
export const SPECIAL_TARGETS = ['$menu', '$return'] as const;

export function stateId(flow: string, state: string): string {
  return `${flow}.${state}`;
}

export function resolveTarget(currentFlow: string, to: string): string {
  if (to.startsWith('$')) return to;
  const i = to.indexOf(':');
  return i === -1 ? stateId(currentFlow, to) : stateId(to.slice(0, i), to.slice(i + 1));
}

export function splitStateId(id: string): { flow: string; state: string } {
  const i = id.indexOf('.');
  return { flow: id.slice(0, i), state: id.slice(i + 1) };
}

export function choiceEvent(choiceId: string): string {
  return `choice.${choiceId}`;
}
