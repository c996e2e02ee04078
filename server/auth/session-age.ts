/** How long a session lasts after the last renewal (sign-in, or the open inbox's poll: session-token.ts). */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;
