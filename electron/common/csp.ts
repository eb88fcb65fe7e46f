// The Content-Security-Policy for the renderer, one definition for both hosts.
// No remote content of any kind; the web host additionally allows its own WebSocket.

export function contentSecurityPolicy(transport: 'electron' | 'web'): string {
  const connect = transport === 'web' ? "'self' ws://127.0.0.1:* ws://localhost:*" : "'none'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
