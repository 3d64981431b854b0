export async function watchCommand(_dir: string, _opts: unknown): Promise<void> {}
