import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

/**
 * PEM keys parsed once: node:crypto parses a PEM given to sign or verify on every call (≈ 0.6 ms for an
 * RSA-2048 private key, more than the signature), and the simulated channels sign and check every request
 * with the same few keys. Bounded: a process that sees many merchants' keys starts over past MAX.
 */
const MAX = 1_000;
const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

function cached(cache: Map<string, KeyObject>, pem: string, parse: (pem: string) => KeyObject): KeyObject {
  let key = cache.get(pem);
  if (!key) {
    key = parse(pem);
    if (cache.size >= MAX) cache.clear();
    cache.set(pem, key);
  }
  return key;
}

/** The private key of a PEM text; throws as createPrivateKey does on one that does not parse. */
export const privateKeyOf = (pem: string): KeyObject => cached(privateKeys, pem, createPrivateKey);

/** The public key of a PEM text; throws as createPublicKey does on one that does not parse. */
export const publicKeyOf = (pem: string): KeyObject => cached(publicKeys, pem, createPublicKey);
