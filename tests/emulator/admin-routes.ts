/**
 * The admin API over HTTP, JSON in and out, under `/__admin/` (for the standalone server and for the
 * provider process, which shares the virtual clock through `DBSSL_TEST_CLOCK_URL`).
 */
import type { EmulatorAdmin } from "./admin";
import { UnknownInstanceError } from "./alibaba/rds-store";
import type { EmulatorState } from "./emulator-state";
import { ESTIMATE_ERROR_MODES, type EstimateErrorMode } from "./estimate-errors";
import type { FaultSpec } from "./faults";
import type { CountFilter } from "./request-log";
import type { VirtualClock } from "./virtual-clock";
import type { WireAnswer } from "./wire-protocol";

export const ADMIN_PREFIX = "/__admin";

export interface AdminRequest {
  match: RegExpExecArray;
  /** Parsed JSON body ({} when empty). */
  body: Record<string, unknown>;
  query: URLSearchParams;
}

export interface AdminRoute {
  method: "GET" | "POST" | "DELETE";
  /** Matched against the path after `/__admin`. */
  path: RegExp;
  /** Human-readable form for the standalone server's banner. */
  usage: string;
  handle(request: AdminRequest): unknown;
}

export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function numberField(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new AdminError(400, `${name} must be a number (ms)`);
  }
  return value;
}

function countFilter(query: URLSearchParams): CountFilter {
  return {
    service: query.get("service") ?? undefined,
    succeededOnly: query.get("succeededOnly") === "true",
    writesOnly: query.get("writesOnly") === "true",
    appliedOnly: query.get("appliedOnly") === "true",
  };
}

/** The virtual clock, shared with the provider process through `DBSSL_TEST_CLOCK_URL`. */
function clockRoutes(clock: VirtualClock): AdminRoute[] {
  return [
    {
      method: "GET",
      path: /^\/clock$/,
      usage: "GET /__admin/clock",
      handle: () => ({ now: clock.now() }),
    },
    {
      method: "POST",
      path: /^\/clock$/,
      usage: "POST /__admin/clock {advanceTo: epochMs} | {advanceBy: ms}",
      handle: ({ body }) => {
        const advanceTo = numberField(body, "advanceTo");
        const advanceBy = numberField(body, "advanceBy");
        if (advanceTo !== undefined) clock.advanceTo(advanceTo);
        if (advanceBy !== undefined) clock.advanceBy(advanceBy);
        return { now: clock.now() };
      },
    },
  ];
}

function faultRoutes(admin: EmulatorAdmin): AdminRoute[] {
  return [
    {
      method: "POST",
      path: /^\/faults$/,
      usage:
        "POST /__admin/faults {kind: throttle|unavailable|internal|reset|slow|busy|badGateway, action?, service?, times?, retryAfterMs?, delayMs?, after?} (or an array)",
      handle: ({ body }) => {
        const faults = (Array.isArray(body) ? body : [body]) as FaultSpec[];
        admin.injectFault(...faults);
        return { pending: admin.pendingFaults() };
      },
    },
    {
      method: "GET",
      path: /^\/faults$/,
      usage: "GET /__admin/faults",
      handle: () => ({ pending: admin.pendingFaults() }),
    },
    {
      method: "DELETE",
      path: /^\/faults$/,
      usage: "DELETE /__admin/faults",
      handle: () => (admin.clearFaults(), { pending: [] }),
    },
    {
      method: "POST",
      path: /^\/estimate-errors$/,
      usage: `POST /__admin/estimate-errors {mode: ${ESTIMATE_ERROR_MODES.join("|")}, instanceId?}`,
      handle: ({ body }) => {
        const mode = body.mode as EstimateErrorMode;
        if (!ESTIMATE_ERROR_MODES.includes(mode)) {
          throw new AdminError(400, `mode must be one of ${ESTIMATE_ERROR_MODES.join(", ")}`);
        }
        const id = typeof body.instanceId === "string" ? body.instanceId : undefined;
        admin.setEstimateError(mode, id);
        return { mode, instanceId: id ?? "every other instance" };
      },
    },
  ];
}

function reportRoutes(admin: EmulatorAdmin): AdminRoute[] {
  return [
    {
      method: "GET",
      path: /^\/counts$/,
      usage: "GET /__admin/counts?service=rds&writesOnly=true&succeededOnly=true&appliedOnly=true",
      handle: ({ query }) => admin.counts(countFilter(query)),
    },
    { method: "GET", path: /^\/log$/, usage: "GET /__admin/log", handle: () => admin.log() },
    {
      method: "POST",
      path: /^\/reset$/,
      usage: "POST /__admin/reset",
      handle: () => (admin.reset(), { reset: true }),
    },
  ];
}

/** Routes shared by every cloud: clock, faults, counts, log, reset. */
export function commonAdminRoutes(state: EmulatorState, admin: EmulatorAdmin): AdminRoute[] {
  return [...clockRoutes(state.clock), ...faultRoutes(admin), ...reportRoutes(admin)];
}

function json(status: number, body: unknown): WireAnswer {
  return {
    status,
    headers: { "content-type": "application/json;charset=utf-8" },
    body: JSON.stringify(body ?? null),
  };
}

function parseBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  } catch {
    throw new AdminError(400, "the body must be JSON");
  }
}

export function answerAdmin(
  routes: readonly AdminRoute[],
  method: string,
  pathname: string,
  rawQuery: string,
  rawBody: Buffer,
): WireAnswer {
  const path = pathname.slice(ADMIN_PREFIX.length) || "/";
  try {
    for (const route of routes) {
      const match = route.method === method ? route.path.exec(path) : null;
      if (match)
        return json(
          200,
          route.handle({ match, body: parseBody(rawBody), query: new URLSearchParams(rawQuery) }),
        );
    }
    return json(404, {
      error: `no admin route ${method} ${pathname}`,
      routes: routes.map((r) => r.usage),
    });
  } catch (error) {
    if (error instanceof AdminError) return json(error.status, { error: error.message });
    if (error instanceof UnknownInstanceError) return json(404, { error: error.message });
    return json(400, { error: error instanceof Error ? error.message : String(error) });
  }
}
