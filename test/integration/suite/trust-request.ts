/**
 * The untrusted suite's side of the trust hand-off (the launcher's is
 * test/integration/harness/trust-presser.mjs; keep the strings the same). Extensions cannot grant
 * workspace trust, only the user can: the suite opens the Workspace Trust editor and prints
 * TRUST_REQUEST, and a launcher that drives the workbench (code-server's) presses Trust. It sets
 * TRUST_PRESSER_ENV in the server's environment to say it will.
 */
export const TRUST_REQUEST = 'interleave-test: trust this folder now';
export const TRUST_PRESSER_ENV = 'INTERLEAVE_TEST_TRUST_PRESSER';

export function canBeTrusted(): boolean {
  return process.env[TRUST_PRESSER_ENV] === '1';
}
