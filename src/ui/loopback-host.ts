/**
 * The `Host` check of a UI server bound to loopback, against DNS rebinding: a web page whose own
 * name was made to resolve to 127.0.0.1 could otherwise drive the server from the visitor's
 * browser, with its requests carrying that page's name as `Host`. A server on loopback is reached
 * by loopback names only, so it answers those and refuses the rest.
 */
import { isIP } from 'node:net';

/** Whether the address a server is bound to is a loopback one (127.0.0.0/8, ::1). */
export function isLoopbackAddress(address: string): boolean {
  if (address === '::1' || address === '::ffff:127.0.0.1') return true;
  return isIP(address) === 4 && address.startsWith('127.');
}

/**
 * Whether `host` (a `Host` header: a name or address, with or without a port) names this machine's
 * loopback: `localhost` or a name under `.localhost`, 127.0.0.0/8, `[::1]`. A request without a
 * `Host` header (HTTP/1.0) is let through; browsers always send one.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  let name = host.trim().toLowerCase();
  if (name.startsWith('[')) {
    const end = name.indexOf(']');
    name = end < 0 ? name : name.slice(1, end);
  } else {
    const colon = name.lastIndexOf(':');
    if (colon >= 0) name = name.slice(0, colon);
  }
  if (name.endsWith('.')) name = name.slice(0, -1);
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name);
}
