/** The one place services read the time, so tests can pass their own `now`. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
