import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { PRIVATE_KEY_REDACTED, REDACTED, redactTokens } from '../../src/core/redact';
import { b64url, makeJwt } from '../fixtures/tokens';

// Secrets that must never survive redaction. Each is distinctive, so the test can look for it.
const SECRET = 'S3cr3tV4lue_zQx9';
const SECRET2 = 'An0therS3cret-kW2';
const PAT = 'dEnGhIFs3VwMRlQ8mK0oP5xL2nH7jT4cB9aZ1yU6eR3wS8fD0gV5hN2mJ7kX4qC1';
const JWT = makeJwt({ sub: 'alice', iss: 'https://issuer.example' });
const JWE = `${b64url(JSON.stringify({ alg: 'RSA-OAEP', enc: 'A256GCM' }))}.${'a'.repeat(40)}.aXY4.Y2lwaGVydGV4dA.dGFn`;
const PEM_BODY = 'MIIEpAIBAAKCAQEAv3Hs1rPdfD9uFqQjxYz4w0tmTrzO5Kq8vR2e';
const pem = (label: string, newline: string) => `-----BEGIN ${label}-----${newline}${PEM_BODY}${newline}${PEM_BODY.split('').reverse().join('')}${newline}-----END ${label}-----${newline}`;

/** [shape, log text, secrets that must be gone, non-secrets that must stay readable] */
const SHAPES: [string, string, string[], string[]][] = [
  // JSON fields, in every naming style
  ['JSON access_token', `{"access_token":"${SECRET}","token_type":"Bearer","expires_in":43199}`, [SECRET], ['"token_type":"Bearer"', '"expires_in":43199']],
  ['JSON refresh_token', `{"refresh_token": "${SECRET}"}`, [SECRET], ['"refresh_token"']],
  ['JSON id_token (opaque)', `{"id_token":"${SECRET}"}`, [SECRET], []],
  ['camelCase accessToken', `{"accessToken":"${SECRET}","userId":"170848145649959169"}`, [SECRET], ['170848145649959169']],
  ['camelCase clientSecret', `{"clientId":"my-app@portal","clientSecret":"${SECRET}"}`, [SECRET], ['my-app@portal']],
  ['camelCase personalAccessToken', `{"personalAccessToken":"${PAT}"}`, [PAT], ['personalAccessToken']],
  ['camelCase refreshToken', `{"refreshToken":"${SECRET}"}`, [SECRET], []],
  ['camelCase idToken', `{"idToken":"${SECRET}"}`, [SECRET], []],
  ['camelCase privateKey', `{"privateKey":"${SECRET}"}`, [SECRET], []],
  ['camelCase apiKey', `{"apiKey":"${SECRET}"}`, [SECRET], []],
  ['PascalCase ClientSecret', `{"ClientSecret":"${SECRET}"}`, [SECRET], []],
  ['UPPER_SNAKE ACCESS_TOKEN', `{"ACCESS_TOKEN":"${SECRET}"}`, [SECRET], []],
  ['kebab-case client-secret', `{"client-secret":"${SECRET}"}`, [SECRET], []],
  ['JSON password and passphrase', `{"user":"alice","password":"${SECRET}","passphrase":"${SECRET2}"}`, [SECRET, SECRET2], ['"user":"alice"']],
  ['JSON number as a password', `{"password":12345678,"port":8443}`, ['12345678'], ['8443']],
  ['JSON with an escaped quote in the secret', `{"client_secret":"ab\\"${SECRET}"}`, [SECRET], []],
  ['single-quoted keys and values', `{'client_secret': '${SECRET}'}`, [SECRET], []],
  ['JSON escaped inside a JSON string', `{"body":"{\\"access_token\\":\\"${SECRET}\\",\\"token_type\\":\\"Bearer\\"}"}`, [SECRET], ['token_type']],
  ['JSON escaped twice', `{"log":"{\\"body\\":\\"{\\\\\\"client_secret\\\\\\":\\\\\\"${SECRET}\\\\\\"}\\"}"}`, [SECRET], []],
  // YAML, logs, environment
  ['YAML key: value', `client:\n  id: my-app\n  client_secret: ${SECRET}\n  scopes: openid`, [SECRET], ['id: my-app', 'scopes: openid']],
  ['YAML password with spaces', `password: ${SECRET} ${SECRET2}\nuser: alice`, [SECRET, SECRET2], ['user: alice']],
  ['log key=value', `refresh failed: refresh_token=${SECRET} user=alice`, [SECRET], ['user=alice']],
  ['environment line', `export ZITADEL_CLIENT_SECRET=${SECRET}\nZITADEL_PAT=${PAT}\nZITADEL_URL=https://x.zitadel.cloud`, [SECRET, PAT], ['ZITADEL_URL=https://x.zitadel.cloud']],
  ['command-line flag', `zitadel-tools --client-secret=${SECRET} --issuer=https://issuer.example`, [SECRET], ['--issuer=https://issuer.example']],
  // HTTP headers and schemes
  ['Authorization: Bearer', `Authorization: Bearer ${SECRET}`, [SECRET], ['Authorization: Bearer ']],
  ['Authorization: DPoP', `Authorization: DPoP ${SECRET}\nDPoP: ${JWT}`, [SECRET, JWT], ['Authorization: DPoP ']],
  ['Authorization: Basic', `Authorization: Basic ${Buffer.from(`client:${SECRET}`).toString('base64')}`, [Buffer.from(`client:${SECRET}`).toString('base64')], ['Basic ']],
  ['a ZITADEL PAT as a bare Authorization value', `authorization: ${PAT}`, [PAT], []],
  ['Bearer in double quotes', `curl -H "Authorization: Bearer ${PAT}" https://x.zitadel.cloud`, [PAT], ['https://x.zitadel.cloud']],
  ['Bearer in single quotes, anywhere', `headers = {'auth': 'Bearer ${PAT}'}`, [PAT], []],
  ['JSON authorization header', `{"headers":{"authorization":"Bearer ${PAT}","accept":"application/json"}}`, [PAT], ['"accept":"application/json"', 'Bearer ']],
  ['X-API-Key header', `X-API-Key: ${SECRET}`, [SECRET], ['X-API-Key: ']],
  ['Cookie header', `Cookie: session=${SECRET}; theme=dark; csrf=${SECRET2}`, [SECRET, SECRET2], ['Cookie: ']],
  ['Set-Cookie header', `Set-Cookie: zitadel.session=${SECRET}; Path=/; HttpOnly`, [SECRET], ['Set-Cookie: ']],
  // Query strings and form bodies
  ['token request form', `grant_type=authorization_code&code=${SECRET}&code_verifier=${SECRET2}&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback`, [SECRET, SECRET2], ['grant_type=authorization_code', 'redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback']],
  ['client credentials form', `grant_type=client_credentials&client_id=app&client_secret=${SECRET}&scope=openid`, [SECRET], ['client_id=app', 'scope=openid']],
  ['callback query string', `GET /callback?code=${SECRET}&state=af0ifjsldkj`, [SECRET], ['state=af0ifjsldkj']],
  ['device flow', `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=${SECRET}`, [SECRET], []],
  ['JWT bearer assertion', `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${SECRET}`, [SECRET], []],
  ['client assertion', `client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=${SECRET}`, [SECRET], ['client_assertion_type=urn']],
  ['token exchange', `subject_token=${SECRET}&actor_token=${SECRET2}`, [SECRET, SECRET2], []],
  ['implicit-flow fragment', `https://app.example/cb#access_token=${SECRET}&token_type=Bearer`, [SECRET], ['token_type=Bearer']],
  // Keys
  ['ZITADEL service-account key file', JSON.stringify({ type: 'serviceaccount', keyId: '181828078849229057', key: pem('RSA PRIVATE KEY', '\n'), userId: '181828061098934529' }), [PEM_BODY], ['"keyId":"181828078849229057"', '"userId":"181828061098934529"', '"type":"serviceaccount"', PRIVATE_KEY_REDACTED]],
  ['ZITADEL application key file', JSON.stringify({ type: 'application', keyId: '1', key: pem('PRIVATE KEY', '\n'), appId: '2', clientId: '3@project' }), [PEM_BODY], ['"clientId":"3@project"']],
  ['ZITADEL AddMachineKey answer', `{"keyId":"1","keyDetails":"${Buffer.from(JSON.stringify({ type: 'serviceaccount', key: SECRET })).toString('base64')}"}`, [Buffer.from(JSON.stringify({ type: 'serviceaccount', key: SECRET })).toString('base64')], ['"keyId":"1"']],
  ['PEM private key in a log', `loaded key:\n${pem('EC PRIVATE KEY', '\n')}done`, [PEM_BODY], ['done']],
  ['OpenSSH and encrypted PEM keys', `${pem('OPENSSH PRIVATE KEY', '\r\n')}${pem('ENCRYPTED PRIVATE KEY', '\n')}`, [PEM_BODY], []],
  ['PEM key cut off (no END line)', `{"key":"-----BEGIN RSA PRIVATE KEY-----\\n${PEM_BODY}","keyId":"7"}`, [PEM_BODY], ['"keyId":"7"']],
  ['private JWK', JSON.stringify({ kty: 'RSA', kid: 'k1', n: 'modulus', e: 'AQAB', d: SECRET, p: SECRET2, q: 'qqqqqqqqqqqq', dp: 'dddddppppp', dq: 'dddddqqqqq', qi: 'qiqiqiqiqi' }), [SECRET, SECRET2, 'qqqqqqqqqqqq', 'dddddppppp', 'dddddqqqqq', 'qiqiqiqiqi'], ['"kid":"k1"', '"n":"modulus"', '"e":"AQAB"']],
  // Tokens anywhere
  ['JWT anywhere', `decoded ${JWT} ok`, [JWT, JWT.split('.')[1]], ['decoded ', ' ok']],
  ['JWE anywhere', `got ${JWE}.`, [JWE], ['got ']],
  ['JWT in JSON', `{"id_token":"${JWT}"}`, [JWT.split('.')[1]], ['"id_token":"[token ']],
  // URLs
  ['password in a URL', `connecting to https://admin:${SECRET}@db.example:5432/zitadel`, [SECRET], ['https://admin:', '@db.example:5432/zitadel']],
  ['password with "@" in a URL', `postgres://user:p@ss${SECRET}@host/db`, [SECRET, 'p@ss'], ['@host/db']],
];

describe('redactTokens', () => {
  it(`has at least 40 secret shapes (${SHAPES.length})`, () => assert.ok(SHAPES.length >= 40));

  for (const [shape, text, secrets, readable] of SHAPES) {
    it(shape, () => {
      const redacted = redactTokens(text);
      for (const secret of secrets) assert.ok(!redacted.includes(secret), `${JSON.stringify(secret)} survived in:\n${redacted}`);
      for (const kept of readable) assert.ok(redacted.includes(kept), `${JSON.stringify(kept)} was lost from:\n${redacted}`);
      assert.ok(redacted.includes(REDACTED) || redacted.includes('[token ') || redacted.includes(PRIVATE_KEY_REDACTED), redacted);
    });
  }

  it('keeps the same marker for the same token: the start of its fingerprint', () => {
    const redacted = redactTokens(`${JWT} and again ${JWT}`);
    const markers = redacted.match(/\[token [0-9a-f]{8}\]/g);
    assert.equal(markers?.length, 2);
    assert.equal(markers[0], markers[1]);
    assert.notEqual(redactTokens(makeJwt({ sub: 'bob' })), markers[0]);
  });

  it('leaves texts without secrets exactly as they are', () => {
    for (const text of [
      '{"code":5,"message":"User could not be found (QUERY-Dfbg2)","details":[{"@type":"type.googleapis.com/zitadel.v1.ErrorDetail","id":"QUERY-Dfbg2"}]}',
      '{"code":"not_found","message":"User not found"}',
      '{"error":"invalid_grant","error_description":"grant request is invalid"}',
      '{"keyId":"181828078849229057","userId":"181828061098934529","type":"serviceaccount"}',
      '{"metadata":[{"key":"P-ID","value":"MTIzNTE5ODM"}]}',
      '{"token_type":"Bearer","expires_in":43199,"scope":"openid profile"}',
      'token_type: Bearer\nexpires_in: 3600',
      '{"accessToken":null,"hasToken":true,"refreshToken":false}',
      'WWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired"',
      'WWW-Authenticate: Basic realm="zitadel"',
      'the basic idea is to negotiate a token',
      'GET https://x.zitadel.cloud/oauth/v2/authorize?client_id=app&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256',
      '    at signIn (/home/user/.vscode/extensions/token-inspector/dist/extension.js:10:5)',
      'Errors.Token.Invalid (AUTH-7fs1e)',
      'http://127.0.0.1:53682/callback and https://user@host/ and file:///tmp/x',
      '',
    ]) {
      assert.equal(redactTokens(text), text);
    }
  });

  it('never throws and never lets a secret-named field keep its value, whatever surrounds it', () => {
    const key = fc.constantFrom('access_token', 'clientSecret', 'PASSWORD', 'x-api-key', 'personalAccessToken', 'code_verifier');
    const around = fc.string({ maxLength: 30 }).filter((s) => !s.includes(SECRET));
    const notation = fc.constantFrom(
      (k: string, v: string) => `{"${k}":"${v}"}`,
      (k: string, v: string) => `{\\"${k}\\":\\"${v}\\"}`,
      (k: string, v: string) => `${k}: ${v}\n`,
      (k: string, v: string) => `${k}=${v}&x=1`,
      (k: string, v: string) => `'${k}': '${v}'`,
    );
    fc.assert(
      fc.property(around, key, notation, around, (before, k, write, after) => {
        const redacted = redactTokens(`${before} ${write(k, SECRET)} ${after}`);
        assert.ok(!redacted.includes(SECRET), redacted);
      }),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => typeof redactTokens(text) === 'string'), { numRuns: 3000 });
  });
});
