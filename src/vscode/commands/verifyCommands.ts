// "Verify Signature…" on any token (tree, inspector, palette): against its issuer's published keys
// (asked once per issuer before contacting it), a pasted public key (JWK, JWK Set, PEM, X.509
// certificate, also from a file) or an HMAC secret (asked for each time, kept nowhere). The
// checklist lands in the tree and the inspector. `tokenInspector.verifyJwt` is the same for other
// extensions: plain JSON back, no questions but the one before contacting an issuer.
import * as vscode from 'vscode';
import { inspectToken, type TokenInspection } from '../../core/inspect';
import { TokenError } from '../../core/jwt/errors';
import { inline } from '../../core/text';
import type { ViewNode } from '../../core/view/treeModel';
import type { KeyChoice, SecretEncoding, Verification, VerifyOptions } from '../../core/verify/index';
import { VerifyError } from '../../core/verify/errors';
import { verifyClient } from '../clients';
import { describeKeys, type VerificationState } from '../state/verifications';
import type { Log } from '../ui/log';
import { confirm, flash, progressText, showInfo, showWarning, statusText } from '../ui/notify';
import { report } from '../ui/report';
import { InspectorPanel } from '../views/inspectorPanel';
import { pickToken, type TokenChoice } from './pickToken';
import type { TokenSources } from '../state/tokenSources';

export interface VerifyContext extends TokenSources {
  extensionUri: vscode.Uri;
  verifications: VerificationState;
  log: Log;
}

/** What other extensions may pass to tokenInspector.verifyJwt. */
interface VerifyJwtOptions {
  key?: string;
  secret?: string;
  secretEncoding?: SecretEncoding;
  issuer?: string;
  audience?: string;
  clockSkewSeconds?: number;
}

const keyFiles = () => ({ [vscode.l10n.t('Keys and certificates')]: ['pem', 'crt', 'cer', 'pub', 'key', 'json', 'jwk', 'jwks', 'txt'] });
const EXAMPLE_ISSUER = 'https://my-instance.zitadel.cloud';

export function registerVerifyCommands(ctx: VerifyContext): vscode.Disposable[] {
  const { verifications, log } = ctx;
  const register = (id: string, handler: (...args: any[]) => unknown) => vscode.commands.registerCommand(`tokenInspector.${id}`, handler);
  InspectorPanel.onVerify = (inspection, label) => verifyInteractively({ inspection, label });

  /** Runs a verification and keeps its result for the tree and the inspector. */
  async function run(token: TokenInspection, choice: KeyChoice, options: VerifyOptions): Promise<Verification> {
    const { verifyToken } = await verifyClient();
    const verification = await verifyToken(token.token, choice, { clockSkewSeconds: clockSkewSeconds(), ...options });
    verifications.set(verification);
    const failed = verification.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    log.info(`Verified token ${verification.fingerprint} with ${describeKeys(verification)}: ${failed.length === 0 ? 'all checks passed' : `failed: ${failed.join(', ')}`}`);
    return verification;
  }

  /**
   * Asks once per issuer before fetching its keys. Issuers of the user's own profiles are known
   * already. Returns false when the user declines.
   */
  async function mayContact(issuer: string): Promise<boolean> {
    if (verifications.isAllowed(issuer) || ctx.profiles.list().some((p) => p.issuer.replace(/\/$/, '') === issuer.replace(/\/$/, ''))) return true;
    const fetchKeys = vscode.l10n.t('Fetch Keys');
    const allowed = await confirm(
      vscode.l10n.t('Fetch the signing keys of {0}?', issuer),
      vscode.l10n.t('Token Inspector will request {0}/.well-known/openid-configuration and the key set it names. Nothing of the token is sent. You are asked once per issuer.', issuer.replace(/\/$/, '')),
      fetchKeys,
    );
    if (allowed) await verifications.allow(issuer);
    return allowed;
  }

  /** Where the keys come from, as the user chooses; undefined when they cancel. */
  async function chooseKeys(token: TokenInspection): Promise<KeyChoice | undefined> {
    const { issuerToContact } = await verifyClient();
    const alg = typeof token.header.alg === 'string' ? token.header.alg : '';
    let issuer: string | undefined;
    let issuerProblem: string | undefined;
    try {
      issuer = issuerToContact(token.payload.iss);
    } catch (e) {
      issuerProblem = (e as Error).message;
    }
    type Item = vscode.QuickPickItem & { source: KeyChoice['kind'] };
    const fromIssuer: Item = {
      source: 'issuer',
      label: `$(globe) ${vscode.l10n.t("The issuer's published keys")}`,
      description: issuer ? statusText(issuer) : vscode.l10n.t('not available'),
      detail: statusText(issuerProblem ?? vscode.l10n.t('Found through its discovery document (jwks_uri); fetched again once if the token names a key the set lacks.'), 300),
    };
    const publicKey: Item = { source: 'key', label: `$(key) ${vscode.l10n.t('A public key…')}`, detail: vscode.l10n.t('A JWK, a JWK Set, a PEM public key or an X.509 certificate: pasted or from a file') };
    const secret: Item = { source: 'secret', label: `$(lock) ${vscode.l10n.t('A shared secret…')}`, detail: vscode.l10n.t('For HS256, HS384 and HS512 tokens; used for this check only and kept nowhere') };
    const items = /^HS/i.test(alg) ? [secret, publicKey, fromIssuer] : [fromIssuer, publicKey, secret];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Verify Signature ({0})', statusText(alg || vscode.l10n.t('no alg'))), placeHolder: vscode.l10n.t('Verify the signature with…') });
    if (!picked) return undefined;
    if (picked.source === 'issuer') {
      if (!issuer) {
        void showWarning(issuerProblem ?? vscode.l10n.t('The token names no issuer.'));
        return undefined;
      }
      if (!(await mayContact(issuer))) return undefined;
      return { kind: 'issuer', cache: await verifications.issuerKeys() };
    }
    if (picked.source === 'key') {
      const text = await publicKeyText();
      return text === undefined ? undefined : { kind: 'key', text };
    }
    return secretChoice();
  }

  async function publicKeyText(): Promise<string | undefined> {
    const paste = vscode.l10n.t('Paste It');
    const file = vscode.l10n.t('Open a File…');
    const how = await vscode.window.showQuickPick([paste, file], { title: vscode.l10n.t('Verify Signature: the public key'), placeHolder: vscode.l10n.t('JWK, JWK Set, PEM public key or X.509 certificate') });
    if (how === file) {
      const [uri] = (await vscode.window.showOpenDialog({ title: vscode.l10n.t('The public key or certificate'), canSelectMany: false, filters: keyFiles() })) ?? [];
      return uri && new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    }
    if (how !== paste) return undefined;
    const clipboard = (await vscode.env.clipboard.readText()).trim();
    return vscode.window.showInputBox({
      title: vscode.l10n.t('Verify Signature: the public key'),
      prompt: vscode.l10n.t('Paste a JWK, a JWK Set, a PEM public key or an X.509 certificate (line breaks may become spaces: that is fine).'),
      value: /^(\{|-----BEGIN )/.test(clipboard) ? clipboard : undefined,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Paste the key.')),
    });
  }

  async function secretChoice(): Promise<KeyChoice | undefined> {
    const secret = await vscode.window.showInputBox({
      title: vscode.l10n.t('Verify Signature: the shared secret'),
      prompt: vscode.l10n.t('The HMAC secret the token was signed with. It is used for this check only and kept nowhere.'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v ? undefined : vscode.l10n.t('Enter the secret.')),
    });
    if (!secret) return undefined;
    const encodings: { label: string; encoding: SecretEncoding }[] = [{ label: vscode.l10n.t('Text, as typed'), encoding: 'text' }];
    if (/^[A-Za-z0-9+/_-]+=*$/.test(secret)) encodings.push({ label: vscode.l10n.t('Base64 or base64url'), encoding: 'base64' });
    if (/^(?:[0-9a-fA-F]{2})+$/.test(secret)) encodings.push({ label: vscode.l10n.t('Hex'), encoding: 'hex' });
    const encoding = encodings.length === 1 ? encodings[0] : await vscode.window.showQuickPick(encodings, { title: vscode.l10n.t('Verify Signature: how the secret is written'), placeHolder: vscode.l10n.t('The secret could be encoded: how should it be read?') });
    return encoding && { kind: 'secret', secret, encoding: encoding.encoding };
  }

  /** The whole interactive flow for one token; the result opens in the inspector. */
  async function verifyInteractively(token: TokenChoice, options: VerifyOptions = {}, known?: KeyChoice): Promise<void> {
    try {
      const choice = known ?? (await chooseKeys(token.inspection));
      if (!choice) return;
      if (choice.kind === 'issuer' && options.issuer !== undefined) {
        // The keys then come from the issuer the user expects, which may be another one.
        const { issuerToContact } = await verifyClient();
        if (!(await mayContact(issuerToContact(token.inspection.payload.iss, options.issuer)))) return;
      }
      const verification = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: progressText(vscode.l10n.t('Verifying the signature of {0}…', token.label)) },
        () => run(token.inspection, choice, options),
      );
      InspectorPanel.show(ctx.extensionUri, token.inspection, token.label, log, {
        checks: verification.checks,
        verification: { keys: describeKeys(verification), verifiedAt: verification.verifiedAt, ...(verification.keys.kind !== 'issuer' && verification.keys.note ? { note: verification.keys.note } : {}) },
      });
      const failed = verification.checks.filter((c) => c.status === 'fail');
      const compared = options.issuer !== undefined || options.audience !== undefined;
      if (failed.length === 0) flash('verified', vscode.l10n.t('Signature verified with {0}', describeKeys(verification)), 5000);
      if (failed.length === 0 && compared) return;
      const expect = vscode.l10n.t('Compare Issuer and Audience…');
      const message =
        failed.length === 0
          ? vscode.l10n.t('Verified with {0}. The issuer and audience were not compared: give the values you expect to check them too.', describeKeys(verification))
          : vscode.l10n.t('{0} of {1} checks failed: {2}.', failed.length, verification.checks.length, failed.map((c) => c.label).join(', '));
      const answer = failed.length === 0 ? await showInfo(message, expect) : await showWarning(message, expect);
      if (answer !== expect) return;
      const expected = await askExpected(token.inspection, options);
      // The same keys again (a pasted key or secret stays in this closure only while the user decides).
      if (expected) await verifyInteractively(token, expected, choice);
    } catch (e) {
      await report(e, { what: vscode.l10n.t('Verifying the signature of {0}', token.label), log });
    }
  }

  async function askExpected(token: TokenInspection, previous: VerifyOptions): Promise<VerifyOptions | undefined> {
    const issuer = await vscode.window.showInputBox({
      title: vscode.l10n.t('Verify Signature: expected issuer'),
      prompt: vscode.l10n.t('The issuer the token must come from, compared exactly with iss (leave empty to skip).'),
      placeHolder: typeof token.payload.iss === 'string' ? inline(token.payload.iss, 200) : EXAMPLE_ISSUER,
      value: previous.issuer,
      ignoreFocusOut: true,
    });
    if (issuer === undefined) return undefined;
    const audience = await vscode.window.showInputBox({
      title: vscode.l10n.t('Verify Signature: expected audience'),
      prompt: vscode.l10n.t('A value aud must contain, e.g. your client id or API (leave empty to skip).'),
      value: previous.audience,
      ignoreFocusOut: true,
    });
    if (audience === undefined) return undefined;
    return { ...(issuer.trim() ? { issuer: issuer.trim() } : {}), ...(audience.trim() ? { audience: audience.trim() } : {}) };
  }

  return [
    register('verifySignature', async (node?: ViewNode) => {
      const token = await pickToken(ctx, node, vscode.l10n.t('Verify Signature'), vscode.l10n.t('Choose the token to verify'));
      if (token) await verifyInteractively(token);
    }),

    // For other extensions: verifyJwt(text, { key | secret (+ secretEncoding) | neither: the issuer's keys, issuer?, audience?, clockSkewSeconds? }).
    register('verifyJwt', async (text?: unknown, options?: unknown) => {
      const opts = checkVerifyJwtOptions(text, options);
      try {
        const token = inspectToken(text as string);
        let choice: KeyChoice;
        if (opts.key !== undefined) choice = { kind: 'key', text: opts.key };
        else if (opts.secret !== undefined) choice = { kind: 'secret', secret: opts.secret, encoding: opts.secretEncoding };
        else {
          const { issuerToContact } = await verifyClient();
          let issuer: string | undefined;
          try {
            issuer = issuerToContact(token.payload.iss, opts.issuer);
          } catch {
            // no issuer to contact: the signature row says why
          }
          if (issuer && !(await mayContact(issuer))) throw new Error(vscode.l10n.t('The user did not allow fetching the keys of {0}.', issuer));
          choice = { kind: 'issuer', cache: await verifications.issuerKeys() };
        }
        return await run(token, choice, { issuer: opts.issuer, audience: opts.audience, ...(opts.clockSkewSeconds === undefined ? {} : { clockSkewSeconds: opts.clockSkewSeconds }) });
      } catch (e) {
        // The same message a user would see, as a plain Error (its class is this extension's).
        throw e instanceof TokenError || e instanceof VerifyError ? new Error(e.message) : e;
      }
    }),
  ];
}

/** The options of verifyJwt, checked: a caller passing the wrong thing learns what. */
function checkVerifyJwtOptions(text: unknown, options: unknown): VerifyJwtOptions {
  if (typeof text !== 'string') throw new Error(`tokenInspector.verifyJwt expects the token as a string, got ${typeof text}.`);
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new Error('tokenInspector.verifyJwt: the options must be an object { key?, secret?, secretEncoding?, issuer?, audience?, clockSkewSeconds? }.');
  const o = options as Record<string, unknown>;
  for (const name of ['key', 'secret', 'issuer', 'audience'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'string') throw new Error(`tokenInspector.verifyJwt: "${name}" must be a string.`);
  }
  if (o.key !== undefined && o.secret !== undefined) throw new Error('tokenInspector.verifyJwt: give "key" or "secret", not both.');
  if (o.secretEncoding !== undefined && !['text', 'base64', 'hex'].includes(o.secretEncoding as string)) throw new Error('tokenInspector.verifyJwt: "secretEncoding" is "text", "base64" or "hex".');
  if (o.clockSkewSeconds !== undefined && !(typeof o.clockSkewSeconds === 'number' && Number.isFinite(o.clockSkewSeconds) && o.clockSkewSeconds >= 0)) throw new Error('tokenInspector.verifyJwt: "clockSkewSeconds" must be a number of seconds, 0 or more.');
  return o as VerifyJwtOptions;
}

function clockSkewSeconds(): number {
  return vscode.workspace.getConfiguration('tokenInspector').get<number>('clockSkewSeconds', 60);
}
