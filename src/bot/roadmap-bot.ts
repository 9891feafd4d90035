import { TeamsActivityHandler, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from '../log/logger';
import { renderForChannel } from '../render/render-for-channel';
import { runTurn, type RawInput, type TurnDeps } from '../turn/run-turn';
import { inputOf, keysOf } from './activity-input';

export interface BotDeps extends TurnDeps {
  logger: Logger;
}

/**
 * The botbuilder edge: activities in, activities out. Messages and "member added" become turn
 * inputs; everything else (typing, reactions, unknown types) is acknowledged and ignored.
 */
export class RoadmapBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.turn(context, inputOf(context.activity));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const humans = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (humans.length) await this.turn(context, { kind: 'start', locale: context.activity.locale });
      await next();
    });
  }

  private async turn(context: TurnContext, input: RawInput): Promise<void> {
    const started = performance.now();
    const { activity } = context;
    const result = await runTurn(this.deps, keysOf(activity), input);
    // The renderers build plain objects of the Activity schema (render stays free of botbuilder).
    await context.sendActivities(
      renderForChannel(activity.channelId, result.view, result.t) as Partial<Activity>[],
    );
    this.deps.logger.info(
      {
        channel: activity.channelId,
        input: input.kind,
        state: result.view.state,
        event: result.view.event,
        outcome: result.outcome,
        ms: Math.round(performance.now() - started),
      },
      'turn',
    );
  }
}
