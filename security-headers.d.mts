export function contentSecurityPolicy(frameAncestors?: string): string;
