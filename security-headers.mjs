// The Content-Security-Policy for every page, shared by next.config.mjs (all paths but the web chat page)
// and proxy.ts (the web chat page, whose frame-ancestors depend on its channel).
//
// script-src allows 'unsafe-inline' because the App Router streams its payload in inline <script>
// tags; the alternative, a per-request nonce, needs a proxy on every page request (a measured 20–30%
// of page throughput here). What the policy still forbids: scripts, styles, images, frames and fetches
// from any other origin, plugins, <base> hijacking and forms posting elsewhere. Text from customers is
// escaped by React and never reaches the page as markup (see tests/e2e/security.spec.ts).

const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** The policy with the given frame-ancestors sources ("'none'" for everything but the web chat page). */
export function contentSecurityPolicy(frameAncestors = "'none'") {
  return [...DIRECTIVES, `frame-ancestors ${frameAncestors}`].join("; ");
}
