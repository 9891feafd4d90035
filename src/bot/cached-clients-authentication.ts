import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import { LRUCache } from 'lru-cache';

/** Clients kept at most, of each kind (a bot talks to a handful of service URLs: one per channel region). */
export const MAX_CACHED_CLIENTS = 64;

/**
 * The app id a client is made for, as botbuilder derives it from the caller's claims (the audience claim
 * for channels, the appid claim for the Emulator; none when authentication is off).
 */
function appIdOf(identity: ClaimsIdentity): string {
  return (
    identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

type Clients<C extends object> = LRUCache<string, Promise<C>>;

/** The cached promise for `key`, made by `make` when absent; a failed one is forgotten, to be tried again. */
function cached<C extends object>(cache: Clients<C>, key: string, make: () => Promise<C>): Promise<C> {
  let client = cache.get(key);
  if (!client) {
    client = make();
    cache.set(key, client);
    client.catch(() => {
      if (cache.get(key) === client) cache.delete(key);
    });
  }
  return client;
}

/** Connector clients of one app id, from botbuilder's factory, kept by service URL and audience. */
class CachedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly appId: string,
    private readonly inner: ConnectorFactory,
    private readonly clients: Clients<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.appId}\n${serviceUrl}\n${audience ?? ''}`;
    return cached(this.clients, key, () => this.inner.create(serviceUrl, audience));
  }
}

/**
 * botbuilder's CloudAdapter builds a new ConnectorClient and a new UserTokenClient — each an Azure HTTP
 * pipeline with its credentials, policies and user agent — for every activity it receives, also when the
 * replies go back in the HTTP response (expectReplies) and neither is used. Measured under load, that
 * was about a sixth of the CPU time of a turn. This wraps the configured authentication and keeps those
 * clients, per app id, service URL and audience, in small LRU caches, as botbuilder's earlier
 * BotFrameworkAdapter kept its connector clients. The clients hold no per-request state; their credentials
 * fetch and renew the bot's own token. Every request is still authenticated: only the outbound clients are
 * reused. Hand-written because botbuilder offers no option for this.
 */
export class CachedClientsAuthentication extends BotFrameworkAuthentication {
  private readonly connectors: Clients<ConnectorClient> = new LRUCache({ max: MAX_CACHED_CLIENTS });
  private readonly userTokens: Clients<UserTokenClient> = new LRUCache({ max: MAX_CACHED_CLIENTS });

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCachedFactory(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.withCachedFactory(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(identity: ClaimsIdentity): ConnectorFactory {
    return new CachedConnectorFactory(
      appIdOf(identity),
      this.inner.createConnectorFactory(identity),
      this.connectors,
    );
  }

  createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    return cached(this.userTokens, appIdOf(identity), () => this.inner.createUserTokenClient(identity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private withCachedFactory(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const { connectorFactory, claimsIdentity } = result;
    if (!connectorFactory) return result;
    return {
      ...result,
      connectorFactory: new CachedConnectorFactory(
        appIdOf(claimsIdentity),
        connectorFactory,
        this.connectors,
      ),
    };
  }
}
