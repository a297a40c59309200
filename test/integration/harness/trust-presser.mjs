/**
 * The untrusted suite's positive control needs the folder trusted mid-suite, and only the user can
 * grant trust (extensions cannot): the suite opens the Workspace Trust editor and prints
 * TRUST_REQUEST; the launcher, which drives the workbench page, presses its Trust button as a user
 * would. TRUST_PRESSER_ENV tells the suite that someone will (the test-electron launcher cannot).
 * Keep both strings as test/integration/suite/trust-request.ts has them.
 */
export const TRUST_REQUEST = 'interleave-test: trust this folder now';
export const TRUST_PRESSER_ENV = 'INTERLEAVE_TEST_TRUST_PRESSER';

/** Presses "Trust" in the Workspace Trust editor (its grant action, workspace.trust.button.action.grant). */
export async function pressTrust(page) {
  const button = page
    .locator('.workspace-trust-editor .workspace-trust-buttons .monaco-button')
    .filter({ hasText: /^Trust/ })
    .first();
  await button.click({ timeout: 30_000 });
}
