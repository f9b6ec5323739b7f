// The exact text of the commands "Copy as curl" puts on the clipboard, and the refusals of the
// shell helpers that build them (pure: the commands are run against real servers in curl.test.ts).
import { strict as assert } from 'node:assert';
import { idTokenJqCommand, myMetadataCommand, shellQuote, userinfoCommand } from '../../src/core/curl';
import { withVariable } from '../../src/core/curl/shell';

const JQ_PROGRAM =
  `'def b64url: gsub("-"; "+") | gsub("_"; "/") | @base64d; split(".")[1] | b64url | fromjson` +
  ` | if has("urn:zitadel:iam:user:metadata") then .["urn:zitadel:iam:user:metadata"] |= map_values(b64url) else . end'`;

describe('copy as curl: the command text', () => {
  it('reads the ID token from $ID_TOKEN, and says so, when the token is to stay out of the command', () => {
    assert.deepEqual(idTokenJqCommand({ kind: 'variable' }), { text: `printf '%s' "$ID_TOKEN" | jq -R ${JQ_PROGRAM}`, variable: 'ID_TOKEN' });
  });

  it('writes the ID token itself into the command when asked, needing no variable', () => {
    const command = idTokenJqCommand({ kind: 'value', token: 'aaa.bbb.ccc' });
    assert.deepEqual(command, { text: `printf '%s' aaa.bbb.ccc | jq -R ${JQ_PROGRAM}` });
    assert.ok(!('variable' in command));
  });

  it('refuses a variable name a shell would not expand, and prefix text that would need escaping', () => {
    assert.equal(withVariable('Authorization: Bearer ', 'ACCESS_TOKEN'), '"Authorization: Bearer $ACCESS_TOKEN"');
    for (const name of ['access_token', '1TOKEN', 'A-B', 'A B', '']) {
      assert.throws(() => withVariable('', name), (err: unknown) => err instanceof RangeError && err.message === `not a shell variable name: ${name}`, name);
    }
    for (const prefix of ['"', '$HOME ', '`id` ', '\\', 'hi!']) {
      assert.throws(() => withVariable(prefix, 'ID_TOKEN'), (err: unknown) => err instanceof RangeError && err.message === 'the text before a variable must need no escaping inside double quotes', prefix);
    }
  });

  it('names the userinfo endpoint or the API URL it refuses: not a URL, or neither https nor on this computer', () => {
    const refusal = (build: () => unknown) => {
      try {
        build();
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    };
    const token = { kind: 'variable' } as const;
    assert.equal(refusal(() => userinfoCommand('nope', token)), 'The userinfo endpoint "nope" is not a URL.');
    assert.equal(refusal(() => myMetadataCommand('nope', {}, token)), '"nope" is not a URL. Use the instance URL, e.g. https://my-instance.zitadel.cloud.');
    assert.equal(refusal(() => userinfoCommand('http://idp.example/userinfo', token)), 'The userinfo endpoint http://idp.example is neither https nor on this computer: no command sends the token there.');
    assert.equal(refusal(() => myMetadataCommand('http://idp.example', {}, token)), 'The API URL http://idp.example is neither https nor on this computer: no command sends the token there.');
    assert.equal(refusal(() => shellQuote('a\0b')), 'a shell argument cannot hold a NUL character');
  });
});
