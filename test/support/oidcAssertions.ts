// Assertions shared by the OIDC and ZITADEL API client tests.
import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
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

/** 'connected' when something accepts a TCP connection at host:port, else the error code (ECONNREFUSED…). */
export function connectionOutcome(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/**
 * Every address of this machine except 127.0.0.1, plus ::1 and 127.0.0.2 (the rest of 127/8
 * reaches a wildcard listener even on a machine with no other interface). IPv6 link-local
 * addresses carry their interface (fe80::1%eth0), as a connection to them needs it.
 */
export function otherLocalAddresses(): string[] {
  const found = Object.entries(networkInterfaces()).flatMap(([name, addresses]) =>
    (addresses ?? []).map((a) => (a.family === 'IPv6' && a.address.startsWith('fe80:') ? `${a.address}%${name}` : a.address)),
  );
  return [...new Set(['::1', '127.0.0.2', ...found])].filter((address) => address !== '127.0.0.1');
}

/**
 * The promise's value once it settles, or a failure naming what did not happen within `ms`: a
 * bound far above the expected time, so a test that breaks says what broke instead of running
 * into mocha's timeout. Not a speed check.
 */
export async function settlesWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new assert.AssertionError({ message: `${what}: still pending after ${ms} ms` })), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
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
