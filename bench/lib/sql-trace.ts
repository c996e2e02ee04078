import type Database from "better-sqlite3";

// The "raw equivalent" ingest ceiling: the exact statements ingestMessage ran (SQL and parameters, captured
// from its connection in an untimed pass), replayed by hand with better-sqlite3 on another copy of the same
// database, one immediate transaction per message. Replayed in the same order from the same starting file,
// every autoincrement id comes out the same, so each statement does the same work it did for the app.

export type Step = [sql: string, method: "run" | "get" | "all", args: unknown[]];

/** Wraps `prepare` on this connection so that while `on` is true every execution is appended to `steps`. */
export class SqlTrace {
  on = false;
  steps: Step[] = [];

  constructor(sqlite: Database.Database) {
    const original = sqlite.prepare.bind(sqlite);
    (sqlite as unknown as { prepare: (sql: string) => Database.Statement }).prepare = (sql: string) => {
      const stmt = original(sql);
      for (const method of ["run", "get", "all"] as const) {
        const call = (stmt[method] as (...a: unknown[]) => unknown).bind(stmt);
        // An own property shadows the prototype's method; raw()/pluck() return the same object.
        (stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
          if (this.on) this.steps.push([sql, method, args.map((a) => (Array.isArray(a) ? [...a] : a))]);
          return call(...args);
        };
      }
      return stmt;
    };
  }

  /** Takes the steps recorded since the last call (one message's worth). */
  take(): Step[] {
    const out = this.steps;
    this.steps = [];
    return out;
  }
}

/** Replays one message's steps in one immediate transaction, with statements prepared once per connection. */
export function replayer(sqlite: Database.Database): (steps: Step[]) => void {
  const prepared = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = sqlite.prepare(sql)));
    return s;
  };
  const one = sqlite.transaction((steps: Step[]) => {
    for (const [sql, method, args] of steps) {
      const s = stmt(sql);
      if (method === "run" || !s.reader) s.run(...args);
      else if (method === "get") s.get(...args);
      else s.all(...args);
    }
  });
  return (steps) => one.immediate(steps);
}
