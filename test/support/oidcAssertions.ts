// Assertions shared by the OIDC and ZITADEL API client tests.
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

/** The error of the given class a promise rejects with; fails if it resolves or rejects otherwise. */
export async function rejectionWith<E extends Error>(type: abstract new (...args: never[]) => E, promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof type, `expected a ${type.name}, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

/** The OidcError a promise rejects with. */
export const rejection = (promise: Promise<unknown>): Promise<OidcError> => rejectionWith(OidcError, promise);
