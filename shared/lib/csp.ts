// The one Content-Security-Policy for the renderer, used by the Electron
// protocol handler, the web host's headers and the <meta> tag in index.html.
// Inline styles are allowed because xterm.js and React set element styles and
// xterm's DOM renderer injects a <style> element; scripts are 'self' only.
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

/** Headers only a response can carry (a <meta> CSP cannot set frame-ancestors). */
export const RENDERER_RESPONSE_CSP = `${RENDERER_CSP}; frame-ancestors 'none'`;
