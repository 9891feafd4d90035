// The part of autocannon 9's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface RequestData {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
    }
    interface RequestSpec extends RequestData {
      /** Called before every request of this spec; returns the request to send. */
      setupRequest?: (req: RequestData, context: Record<string, unknown>) => RequestData | null;
      /** Called with every response to a request of this spec, before the next request is built. */
      onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
    }
    /** One connection; it runs its requests one after the other (pipelining 1). */
    interface Client extends EventEmitter {
      setRequests(requests: RequestSpec[]): void;
    }
    interface Options {
      url: string;
      connections?: number;
      /** Seconds; ignored when `amount` is set. */
      duration?: number;
      /** Total number of requests, spread evenly over the connections. */
      amount?: number;
      pipelining?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      requests?: RequestSpec[];
      setupClient?: (client: Client) => void;
    }
    interface Result {
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      latency: Record<string, number>;
    }
    interface Instance extends EventEmitter, PromiseLike<Result> {
      on(
        event: 'response',
        listener: (client: Client, status: number, bytes: number, ms: number) => void,
      ): this;
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
