// POSIX shell words. Every interpolated value is single-quoted (nothing is special inside single
// quotes; a quote itself is closed, escaped and reopened), so a value from a token, a provider
// or a server stays one literal argument in sh, bash, dash and zsh.

/** `value` as one shell word. Throws for a NUL character, which no shell argument can hold. */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new RangeError('a shell argument cannot hold a NUL character');
  if (/^[A-Za-z0-9_:./][A-Za-z0-9_:./-]*$/.test(value)) return value; // nothing sh, bash or zsh would interpret
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A word that expands a shell variable, e.g. "Authorization: Bearer $ACCESS_TOKEN" (the prefix is literal text). */
export function withVariable(prefix: string, variable: string): string {
  if (!/^[A-Z_][A-Z0-9_]*$/.test(variable)) throw new RangeError(`not a shell variable name: ${variable}`);
  if (/["$`\\!]/.test(prefix)) throw new RangeError('the text before a variable must need no escaping inside double quotes');
  return `"${prefix}$${variable}"`;
}

/** Words joined one option per line, with POSIX line continuations, as the guide writes its commands. */
export function commandLines(words: readonly string[][]): string {
  return words.map((line) => line.join(' ')).join(' \\\n  ');
}
