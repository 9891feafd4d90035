import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';

/**
 * Hands an activity from the self-hosted Direct Line to the bot through the same botbuilder
 * pipeline as /api/messages (CloudAdapter, its middleware such as the typing indicator, its turn
 * error handler, the bot), in process. The turn is trusted (it comes from this server), so it
 * skips the Bot Framework token check that guards /api/messages.
 *
 * Every activity the bot sends (typing included) is passed to `onReply` the moment it is sent, so a
 * typing indicator reaches the client while the turn is still running. The turn runs with
 * deliveryMode expectReplies: nothing is ever posted to a serviceUrl.
 */
export const DIRECT_LINE_CHANNEL_ID = 'directline';

export interface BotBridgeDeps {
  adapter: CloudAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  /** The Microsoft App ID when configured (the adapter builds its credentials for it). */
  appId?: string;
  botAccount: { id: string; name: string };
  serviceUrl: string;
}

/** What the bot sent, in the order it sent it; the returned ids become the activities' ids. */
export type ReplySink = (activities: Partial<Activity>[]) => string[];

export type BotBridge = (activity: Partial<Activity>, onReply: ReplySink) => Promise<void>;

type AuthResult = Exclude<Parameters<CloudAdapter['processActivityDirect']>[0], string>;

const AUDIENCE_CLAIM = 'aud';
const APP_ID_CLAIM = 'appid';
const TO_CHANNEL_FROM_BOT_SCOPE = 'https://api.botframework.com';

/** A connector that refuses to be used: replies never leave the process on this path. */
const offlineConnector = {
  conversations: new Proxy(
    {},
    {
      get: (_target, name) =>
        name === 'then' // not a promise
          ? undefined
          : () => Promise.reject(new Error('no connector on the in-process Direct Line')),
    },
  ),
};

export function createBotBridge(deps: BotBridgeDeps): BotBridge {
  const appId = deps.appId ?? '';
  const claims = [
    { type: AUDIENCE_CLAIM, value: appId },
    { type: APP_ID_CLAIM, value: appId },
  ];
  // Structurally the AuthenticateRequestResult the adapter builds after checking a channel's token.
  const auth = {
    audience: TO_CHANNEL_FROM_BOT_SCOPE,
    callerId: undefined,
    claimsIdentity: {
      claims,
      isAuthenticated: true,
      authenticationType: 'directline-in-process',
      getClaimValue: (type: string) => claims.find((c) => c.type === type)?.value ?? null,
    },
    connectorFactory: { create: async () => offlineConnector },
  } as unknown as AuthResult;

  return async (incoming, onReply) => {
    const activity = {
      ...incoming,
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: deps.serviceUrl,
      recipient: { ...deps.botAccount, role: 'bot' },
      deliveryMode: 'expectReplies',
    } as Activity;
    await deps.adapter.processActivityDirect(auth, activity, async (context) => {
      context.onSendActivities(async (_ctx, activities, next) => {
        await next(); // buffered (expectReplies): marks the turn as answered, sends nothing
        return onReply(activities).map((id) => ({ id }));
      });
      await deps.bot.run(context);
    });
  };
}
