import { TeamsActivityHandler, type Activity, type TurnContext } from 'botbuilder';
import { negotiateLanguage } from '../content/i18n';
import type { Logger } from '../log/logger';
import type { Metrics } from '../observability/metrics';
import { renderForChannel } from '../render/render-for-channel';
import { ETAG_NEW, StorageConflictError } from '../storage/storage-types';
import {
  isCardSubmit,
  isSharedScope,
  localeOf,
  mentionsRecipient,
  teamsScope,
} from '../teams/teams-activity';
import { runTurn, translatorFor, type RawInput, type TurnDeps } from '../turn/run-turn';
import { inputOf, keysOf } from './activity-input';
import { correlationIdOf } from './correlation';
import { dataDeletedEvents, joinInputOf } from './web-chat-events';
import type { UsageCounters } from '../usage/usage-counters';
import { channelOf } from '../usage/usage-events';

/** Channels where the web chat widget starts conversations itself (webchat/join). */
const WIDGET_CHANNELS = new Set(['directline', 'webchat']);

export interface BotDeps extends TurnDeps {
  logger: Logger;
  metrics?: Metrics;
  /** Anonymous usage counters (absent: nothing counted). */
  usage?: Pick<UsageCounters, 'record'>;
}

/**
 * The botbuilder edge: activities in, activities out. Messages and "member added" become turn
 * inputs; everything else (typing, reactions, unknown types) is acknowledged and ignored.
 *
 * Microsoft Teams: installed in personal scope, the bot welcomes the user once; in a team channel or a
 * group chat it answers only when @mentioned (or when one of its card buttons is pressed), and keeps each
 * person's conversation apart (see keysOf).
 */
export class RoadmapBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      const { activity } = context;
      if (isSharedScope(activity) && !isCardSubmit(activity) && !mentionsRecipient(activity))
        this.deps.logger.debug({ channel: activity.channelId, scope: teamsScope(activity) }, 'not mentioned');
      else await this.turn(context, inputOf(activity));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const { activity } = context;
      const scope = teamsScope(activity);
      // Teams, personal scope: the member added is the bot itself, when the user installs it.
      if (scope === 'personal') await this.welcomeOnce(context);
      // Web chat over Azure Direct Line: the widget's join event (with the page's language and country)
      // starts the conversation; Direct Line's own member-added updates would greet a second time.
      else if (!scope && !WIDGET_CHANNELS.has(activity.channelId)) {
        const botId = activity.recipient?.id;
        const humans = (activity.membersAdded ?? []).filter((m) => m.id !== botId);
        if (humans.length)
          await this.turn(context, { kind: 'start', locale: activity.locale, greeting: true });
      }
      // Teams channels and group chats: people joining are not greeted; the installation is (below).
      await next();
    });
    // Web chat: the widget starts a conversation with an event carrying the page's language and country.
    this.onEvent(async (context, next) => {
      const start = joinInputOf(context.activity);
      if (start) await this.turn(context, start);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      const { activity } = context;
      // 'add-upgrade' is a new version of an installed app: nothing to say.
      if (activity.action === 'add') {
        if (teamsScope(activity) === 'personal') await this.welcomeOnce(context);
        else if (isSharedScope(activity)) await this.introduce(context);
      }
      await next();
    });
  }

  /**
   * The welcome of a personal install. Teams sends both installationUpdate and conversationUpdate for
   * one install, often at the same moment and possibly to two instances of the bot: a short lock in
   * storage (insert only if absent) and a look for an existing conversation make sure only one of them
   * greets. When the conversation exists already (a reinstall), nothing is sent: the next message resumes it.
   */
  private async welcomeOnce(context: TurnContext): Promise<void> {
    const { storage, logger } = this.deps;
    const keys = keysOf(context.activity);
    const lock = `lock/welcome/${keys.conversation}`;
    try {
      await storage.write({ [lock]: { at: this.deps.now(), eTag: ETAG_NEW } });
    } catch (e) {
      if (e instanceof StorageConflictError) return;
      throw e;
    }
    try {
      const existing = await storage.read([keys.conversation]);
      if (existing[keys.conversation])
        logger.debug({ channel: context.activity.channelId }, 'already welcomed');
      else await this.turn(context, { kind: 'start', locale: localeOf(context.activity), greeting: true });
    } finally {
      await storage.delete([lock]).catch((e: Error) => logger.warn({ err: { name: e.name } }, 'lock kept'));
    }
  }

  /** Installed in a team or group chat: one short message on how to talk to the bot there, and privacy. */
  private async introduce(context: TurnContext): Promise<void> {
    const t = translatorFor(this.deps, negotiateLanguage(localeOf(context.activity)));
    await context.sendActivity({ type: 'message', text: t('teams:install.shared') });
    this.deps.logger.info(
      { turn: correlationIdOf(context), channel: context.activity.channelId, event: 'installed-shared' },
      'turn',
    );
  }

  /**
   * One turn. The activity's id goes with it: a channel that delivers the same activity again (a retry)
   * gets nothing twice — no second answer, nothing applied twice (see runTurn) — across instances too, as
   * the ids are kept in the conversation's stored state.
   */
  private async turn(context: TurnContext, input: RawInput): Promise<void> {
    const started = performance.now();
    const { activity } = context;
    const channel = activity.channelId || 'unknown';
    // The bot's own Direct Line (serviceUrl …/v3/directline) never delivers twice, and its ids restart with a
    // conversation brought back from the store: only other channels' ids are remembered.
    const ownDirectLine = channel === 'directline' && /\/v3\/directline\/?$/.test(activity.serviceUrl ?? '');
    const activityId = ownDirectLine ? undefined : activity.id;
    const result = await runTurn(this.deps, keysOf(activity), { ...input, activityId });
    if (result.outcome === 'duplicate') {
      this.deps.metrics?.turns.inc({ channel, outcome: result.outcome });
      this.deps.logger.info(
        { turn: correlationIdOf(context), channel, input: input.kind, outcome: result.outcome },
        'turn',
      );
      return;
    }
    if (result.usage)
      this.deps.usage?.record(result.usage, {
        lang: result.view.lang,
        country: result.view.country ?? 'none',
        perspective: result.perspective ?? 'none',
        channel: channelOf(channel),
      });
    // The renderers build plain objects of the Activity schema (render stays free of botbuilder).
    const replies = renderForChannel(activity.channelId, result.view, result.t) as Partial<Activity>[];
    // The first answer in a shared chat says that everyone there can read along.
    if (isSharedScope(activity) && result.view.event === 'start')
      replies.unshift({ type: 'message', text: result.t('teams:shared.notice') });
    replies.push(...dataDeletedEvents(activity.channelId, result.outcome));
    await context.sendActivities(replies);
    const seconds = (performance.now() - started) / 1000;
    this.deps.metrics?.turns.inc({ channel, outcome: result.outcome });
    this.deps.metrics?.turnSeconds.observe({ channel }, seconds);
    this.deps.logger.info(
      {
        turn: correlationIdOf(context),
        channel,
        input: input.kind,
        state: result.view.state,
        event: result.view.event,
        outcome: result.outcome,
        ms: Math.round(seconds * 1000),
      },
      'turn',
    );
  }
}
