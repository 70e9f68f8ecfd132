/** What kind of error, without its message: messages of file errors hold paths, and paths hold people's names. */
export function errorKind(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : e instanceof Error ? e.name : typeof e;
}
