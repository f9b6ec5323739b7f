// Runs an OpenID provider in a child process, optionally with its clock shifted by libfaketime
// (Debian: libfaketime), so a test can put the provider ahead of or behind this machine without
// touching our client's clock. Stops it on `stop()` and when the test process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** Every Debian package the interop providers need, and the one command that installs them. */
export const INTEROP_APT_COMMAND = "echo 'glewlwyd glewlwyd/config_type select No configuration' | debconf-set-selections && apt-get update && apt-get install -y glewlwyd libfaketime";

export function requireFile(path: string, what: string): void {
  if (!existsSync(path)) throw new Error(`${what} is not installed (${path} is missing). As root run: ${INTEROP_APT_COMMAND}`);
}

/** A free loopback port (for providers that must know their own address before they start). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ChildOptions {
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Seconds the provider's clock is ahead of ours (negative: behind). */
  clockOffsetSeconds?: number;
  /** Resolves true once the provider answers (polled), given its output so far. */
  ready(output: string): Promise<boolean>;
  name: string;
}

export interface Child {
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export async function startChild(options: ChildOptions): Promise<Child> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...options.env };
  if (options.clockOffsetSeconds) {
    requireFile(FAKETIME_LIB, 'libfaketime');
    const s = options.clockOffsetSeconds;
    Object.assign(env, { LD_PRELOAD: FAKETIME_LIB, FAKETIME: `${s >= 0 ? '+' : ''}${s}s`, FAKETIME_DONT_FAKE_MONOTONIC: '1', FAKETIME_DONT_RESET: '1' });
  }
  const child = spawn(options.command, options.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      children.delete(child);
      resolve();
    }),
  );
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (exited) throw new Error(`${options.name} exited at start:\n${output}`);
    if (await options.ready(output).catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} did not start within 15 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    process: child,
    output: () => output,
    stop: () => {
      if (!exited) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      return gone.finally(() => clearTimeout(t));
    },
  };
}

/** Runs one of the provider scripts beside this file with Node; it prints `{"issuer": …}` when ready. */
export async function startNodeProvider(name: string, script: string, args: string[], clockOffsetSeconds?: number): Promise<Child & { issuer: string }> {
  let issuer = '';
  const child = await startChild({
    name,
    command: process.execPath,
    args: [join(SUPPORT_DIR, script), ...args],
    clockOffsetSeconds,
    ready: async (output) => {
      const line = /^\{"issuer".*\}$/m.exec(output)?.[0];
      if (line) issuer = (JSON.parse(line) as { issuer: string }).issuer;
      return !!issuer;
    },
  });
  return { ...child, issuer };
}

/** Where the provider scripts are: the tests run bundled from out/test/unit or out/test/extension. */
const SUPPORT_DIR = join(__dirname, '..', '..', '..', 'test', 'support', 'providers');
