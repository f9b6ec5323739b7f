/** JSON objects and arrays only, else `undefined`: "1234" stays text rather than becoming a number. */
export function parseStructuredJson(text: string): unknown {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
