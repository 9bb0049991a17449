import type { RequestHandler } from "express";

type CpuByPath = Record<string, { requests: number; cpuMs: number }>;

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * The HTTP benchmark's probe (MEASURE_CPU=true): the process's CPU time, `process.cpuUsage()`,
 * from a request's arrival to its response's 'finish', summed per path (without the query), and
 * the sums answered as JSON on GET /_cpu to a loopback client. The process's CPU is shared by
 * whatever runs at the time, so the figure is per request only when requests come one at a time,
 * as the benchmark sends them.
 */
export function cpuPerRequest(): RequestHandler {
  const byPath: CpuByPath = {};
  return (req, res, next) => {
    if (req.path === "/_cpu") {
      if (!LOOPBACK.has(req.socket.remoteAddress ?? "")) return next();
      res.json(byPath);
      return;
    }
    const start = process.cpuUsage();
    res.on("finish", () => {
      const used = process.cpuUsage(start);
      byPath[req.path] ??= { requests: 0, cpuMs: 0 };
      byPath[req.path]!.requests += 1;
      byPath[req.path]!.cpuMs += (used.user + used.system) / 1000;
    });
    next();
  };
}
