// Assertions shared by the OIDC client tests.
import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import { OidcError } from '../../src/core/oidc/errors';

/** True when nothing accepts connections on the port any more. */
export function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** The OidcError a promise rejects with; fails if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<OidcError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof OidcError, `expected an OidcError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}
