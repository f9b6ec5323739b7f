// oauth2-mock-server (npm) in its stock configuration, as a child process for the interop tests:
// no login page (the authorization endpoint redirects at once), any client and redirect URI
// accepted, client authentication not verified, no device flow. argv[2]: the signing algorithm
// of its key (default RS256, the only one its discovery document lists). argv[3]: `hostile` makes
// its userinfo answer hostile (nesting 100 levels deep, markup in claims), `object-sub` makes
// its `sub` an object, `refresh-other-sub` issues the tokens of a refresh for another user.
// Prints one JSON line {issuer} once it listens on 127.0.0.1.
import { OAuth2Server } from 'oauth2-mock-server';

const server = new OAuth2Server();
await server.issuer.keys.generate(process.argv[2] ?? 'RS256');
const nest = (depth) => (depth === 0 ? 'bottom' : { level: nest(depth - 1) });
if (process.argv[3] === 'hostile') {
  server.service.on('beforeUserinfo', (response) => {
    response.body = { sub: response.body.sub, deep: nest(100), name: '[x](command:workbench.action.quit) <img src=x>', '\u202Eevil': 'x' };
  });
} else if (process.argv[3] === 'object-sub') {
  server.service.on('beforeUserinfo', (response) => {
    response.body = { sub: { toString: 1, id: response.body.sub } };
  });
} else if (process.argv[3] === 'refresh-other-sub') {
  server.service.on('beforeTokenSigning', (token, req) => {
    if (req.body?.grant_type === 'refresh_token') token.payload.sub = 'someone-else';
  });
}
await server.start(0, '127.0.0.1');
server.issuer.url = `http://127.0.0.1:${server.address().port}`;
console.log(JSON.stringify({ issuer: server.issuer.url }));
