// Is an address this computer itself? By the address's kind and range (net.isIP), never by a
// prefix: «127.0.0.1.evil.example» is a name on the internet, not the training stand (issue 24).
import net from 'node:net';

/** A host name or address (an URL's hostname, IPv6 with or without brackets). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (h === 'localhost') return true;
  const kind = net.isIP(h);
  if (kind === 4) return Number(h.split('.')[0]) === 127;
  if (kind === 6) {
    if (net.isIPv6(h) && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(h)) return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return !!mapped && isLoopbackHost(mapped[1]!);
  }
  return false;
}

export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
