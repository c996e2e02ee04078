// Routes under /api/bench are ceilings for `npm run bench` (bench/suites/http-*.ts): what a bare Next route
// handler costs in the same build, to compare the real endpoints with. They exist only for a server started
// with CHARLA_BENCH=1 in its environment (the bench does that on its own copy of a database); any other
// server answers 404, exactly as for a path that does not exist.

export function benchEnabled(): boolean {
  return process.env.CHARLA_BENCH === "1";
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
