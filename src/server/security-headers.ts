import type { Server } from 'restify';

/**
 * Headers every response gets. Responses other than the demo page are data (JSON, PDF, Markdown,
 * scripts), so the default policy forbids everything; the demo page sets its own policy, under which
 * Web Chat runs (src/channels/web/web-routes.ts).
 */
export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** For PDF responses: Chrome's built-in viewer breaks under default-src 'none' (it uses inline styles). */
export const PDF_CSP = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function useSecurityHeaders(server: Server): void {
  server.pre((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Content-Security-Policy', DEFAULT_CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-site');
    return next();
  });
}
