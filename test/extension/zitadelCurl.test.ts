// Copy as curl inside VS Code (issue 12), after signIn.test (file order): the commands copied for a signed-in profile run for real
// (bash, curl) against the demo issuer and the ZITADEL API contract server; copying with the real
// token in it asks first, and nothing is copied when the question is refused.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import { bridge } from './bridge';
import { ourLog } from './files';
import { sessionAccessToken, signInThroughBrowser, treeRows } from './workbench';

const PROFILE = 'Demo issuer';
const issuer = process.env.TOKEN_INSPECTOR_DEMO_ISSUER;
const credentials = { username: process.env.TOKEN_INSPECTOR_DEMO_USERNAME ?? 'demo', password: process.env.TOKEN_INSPECTOR_DEMO_PASSWORD ?? 'demo-password' };

const copy = (node: unknown, options?: object) => Promise.resolve(vscode.commands.executeCommand<string | undefined>('tokenInspector.copyAsCurl', node, options));

/** Runs a copied command in bash (not blocking: the servers it calls run in this host). */
function runInShell(command: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('bash', ['-c', command], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout))),
  );
}

describe('Copy as curl', () => {
  let accessToken: string;

  before(async function () {
    if (!issuer || !process.env.TOKEN_INSPECTOR_DEMO_API || !bridge.available) this.skip();
    await vscode.commands.executeCommand('tokenInspector.tokens.focus');
    if (!(await treeRows()).some((r) => r.startsWith(PROFILE) && /access token expires/.test(r))) await signInThroughBrowser(PROFILE, issuer!, credentials);
    accessToken = await sessionAccessToken();
  });

  it('copies the userinfo request with $ACCESS_TOKEN, the endpoint from discovery; it runs', async () => {
    const text = await copy(PROFILE, { way: 'userinfo', token: 'variable' });
    assert.equal(await vscode.env.clipboard.readText(), text);
    assert.match(text!, new RegExp(`--url ${issuer}/oidc/v1/userinfo`));
    assert.match(text!, /--header "Authorization: Bearer \$ACCESS_TOKEN"/);
    assert.ok(!text!.includes(accessToken), 'no token in the command');
    const answer = JSON.parse(await runInShell(text!, { ACCESS_TOKEN: accessToken }));
    assert.equal(answer.sub, process.env.TOKEN_INSPECTOR_DEMO_USER_SUB ?? answer.sub);
    assert.ok(answer['urn:zitadel:iam:user:metadata'], JSON.stringify(answer));
  });

  it('copies the auth API search with the key filter of the last listing; it runs', async () => {
    await vscode.commands.executeCommand('tokenInspector.listMyMetadata', PROFILE, { key: 'P-', method: 'TEXT_QUERY_METHOD_STARTS_WITH' });
    const text = await copy({ profile: PROFILE, contextValue: 'myMetadata' }, { way: 'myMetadata', token: 'variable' });
    assert.match(text!, /\/auth\/v1\/users\/me\/metadata\/_search/);
    assert.match(text!, /--data-raw '\{"query":\{"offset":"0","limit":100,"asc":true\},"queries":\[\{"keyQuery":\{"key":"P-","method":"TEXT_QUERY_METHOD_STARTS_WITH"\}\}\]\}'/);
    const answer = JSON.parse(await runInShell(text!, { ACCESS_TOKEN: accessToken }));
    assert.deepEqual(answer.result.map((e: { key: string }) => e.key), ['P-ID']);
  });

  it('writes the real token in only after asking; refused, nothing is copied', async () => {
    await vscode.env.clipboard.writeText('unchanged');
    // Chosen in the quick pick: "With the token itself"; the question after it is refused (no dialogs in tests).
    const copying = copy(PROFILE, { way: 'userinfo' });
    await bridge.waitFor('.quick-input-widget:has-text("With the token itself") input', { state: 'visible' });
    await bridge.screenshot('curl-token-choice');
    await bridge.press(['ArrowDown', 'Enter']);
    assert.equal(await copying, undefined);
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
    // The question was asked and counts as declined (the test host shows no dialogs).
    assert.match(ourLog(), /Copy as curl: the token was not put in the userinfo command \(not agreed\)/);
    await vscode.commands.executeCommand('notifications.clearAll');
    // Agreed (a scripted caller says so): the command holds the token and runs as it is.
    const text = await copy(PROFILE, { way: 'userinfo', token: 'value' });
    assert.ok(text!.includes(accessToken));
    assert.ok(JSON.parse(await runInShell(text!, {})).sub);
  });

  it('copies the ID token with jq, metadata values decoded', async () => {
    const text = await copy(PROFILE, { way: 'idToken', token: 'value' });
    // A token is all base64url and dots: one shell word as it is, no quotes needed.
    assert.match(text!, /^printf '%s' [\w.-]+ \| jq -R /);
    const claims = JSON.parse(await runInShell(text!, {}));
    assert.equal(claims['urn:zitadel:iam:user:metadata']['P-ID'], '12351983');
  });
});
