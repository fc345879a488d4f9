import { NextResponse, type NextRequest } from "next/server";
import { admitRender, TICKET_HEADER } from "@/lib/render-admission";

/**
 * Every response carries a Content-Security-Policy that lets only the app's own scripts
 * run: Next's inline bootstrap scripts (and the theme script) carry a fresh nonce per
 * response, which Next reads from the request's CSP header. Pages are rendered per
 * request already (they read the database), so nonces cost no caching.
 */
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced bootstrap loads (the app's chunks) may run.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Charts position and colour elements with style attributes (React's style prop).
    "style-src 'self' 'unsafe-inline'",
    // Exported PNGs are drawn from data: and blob: URLs.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export async function proxy(request: NextRequest) {
  // A malformed percent-encoding ("/datasets/%zz") cannot name anything: say so, before
  // a route's decoding fails with a bare 500.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return NextResponse.json({ error: "The path has a malformed percent-encoding" }, { status: 400 });
  }
  // A page renders when its turn comes (lib/render-admission.ts); nobody reads the answer
  // to a client that left while waiting.
  if (!(await admitRender(request.headers.get(TICKET_HEADER)))) return new NextResponse(null, { status: 503 });
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Static assets carry the static headers of next.config.ts; they run no inline script.
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
