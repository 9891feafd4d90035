import type { ContentIndex, StateEntry } from './content-bundle';
import {
  SCHEMA_VERSION,
  type MessageRef,
  type PersistedConversation,
  type RoadmapContext,
  type StepResult,
} from './types';
import { stateView } from './views';

/** Moving to a state: the new persisted conversation and the state's view. Shared by step and jumps. */

/** How many previous states "back" can return to. */
export const HISTORY_LIMIT = 30;

/** The perspective's menu, or the welcome before a perspective is chosen. */
export function menuOf(index: ContentIndex, ctx: RoadmapContext): string {
  return (ctx.perspective && index.menus.get(ctx.perspective)) || index.entryState;
}

/** The conversation at `target` (the welcome if it does not exist), with its view. */
export function goTo(
  engine: { index: ContentIndex },
  stored: PersistedConversation | null,
  ctx: RoadmapContext,
  target: string,
  now: number,
  prefix: MessageRef[],
  event: string,
  history: string[],
): StepResult {
  const { index } = engine;
  const entry = index.states.get(target) ?? (index.states.get(index.entryState) as StateEntry);
  return {
    persisted: {
      schemaVersion: SCHEMA_VERSION,
      flowVersion: index.version,
      state: entry.id,
      context: ctx,
      history,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
    },
    view: stateView(index, entry, ctx, prefix, event),
  };
}
