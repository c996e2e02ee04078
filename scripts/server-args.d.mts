export const DEFAULT_HEAP_MB: number;
export function serverNodeArgs(env?: Record<string, string | undefined>): string[];
