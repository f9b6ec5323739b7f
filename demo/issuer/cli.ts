// Runs the demo issuer until Ctrl+C:
//   node scripts/build.mjs && node out/demo/issuer-cli.js [--port 9020] [--host 127.0.0.1] [--access-token-format jwt]
import { parseArgs } from 'node:util';
import { POST_LOGOUT_REDIRECT_URI, REDIRECT_URI, startDemoIssuer } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'access-token-format': { type: 'string', default: 'opaque' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: node out/demo/issuer-cli.js [--port N (default: a free port)] [--host 127.0.0.1] [--access-token-format opaque|jwt]');
  process.exit(0);
}
const port = Number(values.port);
const format = values['access-token-format'];
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`demo issuer: --port ${values.port} is not a port number`);
  process.exit(2);
}
if (format !== 'opaque' && format !== 'jwt') {
  console.error(`demo issuer: --access-token-format must be opaque or jwt, not ${format}`);
  process.exit(2);
}
const accessTokenFormat = format === 'jwt' ? 'jwt' : 'opaque';

async function main(): Promise<void> {
  const issuer = await startDemoIssuer({ port, host: values.host, accessTokenFormat });
  console.log(`
  Token Inspector demo issuer (loopback only; nothing here is secret)

    issuer          ${issuer.issuer}
    discovery       ${issuer.issuer}/.well-known/openid-configuration
    client id       ${issuer.clientId}  (public, PKCE S256; redirect ${REDIRECT_URI} on any port)
    post logout     ${POST_LOGOUT_REDIRECT_URI} (any port)
    user            ${issuer.user.username} / ${issuer.user.password}
    access tokens   ${accessTokenFormat}
    scopes          openid profile email offline_access urn:zitadel:iam:user:metadata
                    urn:zitadel:iam:user:resourceowner urn:zitadel:iam:org:projects:roles
                    urn:zitadel:iam:org:project:id:zitadel:aud

  Press Ctrl+C to stop.
`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    issuer.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`demo issuer: could not start: ${(e as Error).message}`);
  process.exit(1);
});
