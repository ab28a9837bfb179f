/**
 * Which IP addresses PayCenter may connect to on a tenant's behalf (webhooks, channel base URLs):
 * the rules of the outbound guard (server/net/outbound-guard.ts), pure, with no I/O.
 *
 * Every address is parsed into numbers first, so no spelling escapes the rules: IPv6 with `::`,
 * zone ids, upper case or an embedded dotted quad; IPv4 inside IPv6 (mapped `::ffff:7f00:1`,
 * NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) is judged by its IPv4 address. URL hosts written as
 * decimal, octal or hex IPv4 (`2130706433`, `0177.1`, `0x7f.1`) reach here already in dotted form
 * (WHATWG URL parsing, which every HTTP client of the server uses, normalizes them).
 */

export type ParsedIp = { family: 4; value: number } | { family: 6; words: number[] };

function parseIpv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    // strict dotted decimal: what DNS answers and URL parsing produce (no octal, hex or short forms here)
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

function parseIpv6(text: string): number[] | null {
  let rest = text.replace(/%.*$/, ""); // a zone id (fe80::1%eth0) says which link, not which address
  const tail: number[] = [];
  const dotted = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(rest);
  if (dotted) {
    const v4 = parseIpv4(dotted[1]);
    if (v4 === null) return null;
    tail.push(Math.floor(v4 / 65536), v4 % 65536);
    rest = rest.slice(0, rest.length - dotted[1].length);
    if (rest.endsWith(":") && !rest.endsWith("::")) rest = rest.slice(0, -1);
  }
  const halves = rest.split("::");
  if (halves.length > 2) return null;
  const words = (half: string) => (half === "" ? [] : half.split(":"));
  const head = words(halves[0]);
  const after = halves.length === 2 ? words(halves[1]) : [];
  const hex = (word: string) => (/^[0-9a-f]{1,4}$/i.test(word) ? Number.parseInt(word, 16) : null);
  const parsedHead = head.map(hex);
  const parsedAfter = after.map(hex);
  if (parsedHead.includes(null) || parsedAfter.includes(null)) return null;
  const explicit = parsedHead.length + parsedAfter.length + tail.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return null;
  const zeros = new Array<number>(8 - explicit).fill(0);
  return [...(parsedHead as number[]), ...(halves.length === 2 ? zeros : []), ...(parsedAfter as number[]), ...tail];
}

/** An IP literal in numbers, or null when the text is not one (host names, URL-style brackets). */
export function parseIp(text: string): ParsedIp | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return { family: 4, value: v4 };
  if (!text.includes(":")) return null;
  const words = parseIpv6(text);
  return words ? { family: 6, words } : null;
}

const v4 = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;

function inV4Range(value: number, base: number, prefix: number): boolean {
  const size = 2 ** (32 - prefix);
  return Math.floor(value / size) === Math.floor(base / size);
}

/** IPv4 ranges that are not the public internet (IANA special-purpose registry, RFC 6890 and successors). */
const PRIVATE_V4: [base: number, prefix: number][] = [
  [v4(0, 0, 0, 0), 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  [v4(10, 0, 0, 0), 8],
  [v4(100, 64, 0, 0), 10], // carrier-grade NAT; also Alibaba Cloud's metadata service 100.100.100.200
  [v4(127, 0, 0, 0), 8],
  [v4(169, 254, 0, 0), 16], // link-local: the cloud metadata services at 169.254.169.254
  [v4(172, 16, 0, 0), 12],
  [v4(192, 0, 0, 0), 24], // IETF protocol assignments (Oracle Cloud's metadata 192.0.0.192)
  [v4(192, 88, 99, 0), 24], // 6to4 relay anycast (deprecated)
  [v4(192, 168, 0, 0), 16],
  [v4(198, 18, 0, 0), 15], // benchmarking
  [v4(224, 0, 0, 0), 4], // multicast
  [v4(240, 0, 0, 0), 4], // reserved, and the broadcast address
];

function isPublicV4(value: number): boolean {
  return !PRIVATE_V4.some(([base, prefix]) => inV4Range(value, base, prefix));
}

/** The IPv4 address an IPv6 address stands for, where it stands for one. */
function embeddedV4(words: number[]): number | null {
  const [w0, w1, w2, w3, w4, w5, w6, w7] = words;
  const low = w6 * 65536 + w7;
  if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0xffff) return low; // ::ffff:a.b.c.d (mapped)
  if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0xffff && w5 === 0) return low; // ::ffff:0:a.b.c.d (SIIT)
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0) return low; // 64:ff9b::/96 (NAT64)
  if (w0 === 0x2002) return w1 * 65536 + w2; // 2002:AABB:CCDD::/48 (6to4)
  return null;
}

function isPublicV6(words: number[]): boolean {
  const inside = embeddedV4(words);
  if (inside !== null) return isPublicV4(inside);
  const [w0, w1, w2, w3] = words;
  if (words.slice(0, 6).every((w) => w === 0)) return false; // ::, ::1 and the deprecated ::a.b.c.d
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 1) return false; // 64:ff9b:1::/48, local-use NAT64
  if (w0 === 0x100 && w1 === 0 && w2 === 0 && w3 === 0) return false; // 100::/64, discard
  if (w0 === 0x2001 && w1 < 0x200) return false; // 2001::/23, IETF protocol assignments (Teredo 2001::/32 among them)
  if ((w0 & 0xfe00) === 0xfc00) return false; // fc00::/7, unique local (AWS's metadata fd00:ec2::254)
  if ((w0 & 0xffc0) === 0xfe80 || (w0 & 0xffc0) === 0xfec0) return false; // link-local, old site-local
  if ((w0 & 0xff00) === 0xff00) return false; // multicast
  return true;
}

/**
 * True when the address is on the public internet: not loopback, private, link-local, unique-local,
 * carrier-grade NAT, multicast, reserved, unspecified, nor a cloud metadata address. Anything that
 * is not an IP literal is not public.
 */
export function isPublicAddress(address: string): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  return ip.family === 4 ? isPublicV4(ip.value) : isPublicV6(ip.words);
}

export type Network = { family: 4; base: number; prefix: number } | { family: 6; words: number[]; prefix: number };

/** `127.0.0.0/8`, `fd00::/8`, or a single address (a /32 or /128); null when malformed. */
export function parseNetwork(text: string): Network | null {
  const [address, prefixText, extra] = text.trim().split("/");
  if (extra !== undefined) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const max = ip.family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return ip.family === 4 ? { family: 4, base: ip.value, prefix } : { family: 6, words: ip.words, prefix };
}

function inV6Network(words: number[], network: number[], prefix: number): boolean {
  for (let i = 0, bits = prefix; bits > 0; i++, bits -= 16) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((words[i] & mask) !== (network[i] & mask)) return false;
  }
  return true;
}

/** Whether the address lies in one of the networks; an IPv4-mapped IPv6 address counts as its IPv4 address. */
export function inNetworks(address: string, networks: readonly Network[]): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  const w = ip.family === 6 ? ip.words : null;
  const mapped = w && w.slice(0, 5).every((x) => x === 0) && w[5] === 0xffff ? w[6] * 65536 + w[7] : null;
  return networks.some((network) => {
    if (network.family === 4) {
      const value = ip.family === 4 ? ip.value : mapped;
      return value !== null && inV4Range(value, network.base, network.prefix);
    }
    return w !== null && inV6Network(w, network.words, network.prefix);
  });
}
