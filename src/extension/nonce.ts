import { randomBytes } from 'node:crypto';

/** A fresh CSP nonce: 128 bits from the OS CSPRNG (never Math.random), base64. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}
