/** Exhaustive switches: a kind added to the union without a case here fails to compile. */
export function assertNever(x: never): never {
  throw new Error(`unhandled rule kind: ${JSON.stringify(x)}`);
}
