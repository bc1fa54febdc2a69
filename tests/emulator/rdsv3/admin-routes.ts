/** Admin HTTP routes for emulated RDS v3 instances (Open Telekom Cloud / Huawei Cloud). */
import { AdminError, type AdminRoute } from "../admin-routes";
import type { RdsV3InstanceSeed } from "./instances";
import type { RdsV3Admin } from "./store";

const INSTANCE = /^\/rdsv3\/instances\/([^/]+)$/;
const id = (match: RegExpExecArray): string => decodeURIComponent(match[1]);

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new AdminError(404, `no emulated RDS v3 ${what}`);
  return value;
}

export function rdsV3AdminRoutes(store: RdsV3Admin): AdminRoute[] {
  return [
    {
      method: "POST",
      path: /^\/rdsv3\/instances$/,
      usage:
        "POST /__admin/rdsv3/instances {id, projectId, cloud?: opentelekomcloud|huaweicloud, engine?: MySQL|PostgreSQL|SQLServer, status?, enableSsl?, answer?: empty200|accepted202|job, listsSwitchTask?, timing?: {lagMs?, rebootMs?, flipEarly?, jobVisibleAfterMs?, acceptsDuringLag?}}",
      handle: ({ body }) => store.seed(body as unknown as RdsV3InstanceSeed),
    },
    {
      method: "GET",
      path: /^\/rdsv3\/instances$/,
      usage: "GET /__admin/rdsv3/instances",
      handle: () => store.list(),
    },
    {
      method: "GET",
      path: INSTANCE,
      usage: "GET /__admin/rdsv3/instances/:id",
      handle: ({ match }) => must(store.get(id(match)), `instance "${id(match)}"`),
    },
    {
      method: "DELETE",
      path: INSTANCE,
      usage: "DELETE /__admin/rdsv3/instances/:id",
      handle: ({ match }) => (store.delete(id(match)), { deleted: id(match) }),
    },
    {
      method: "POST",
      path: /^\/rdsv3\/instances\/([^/]+)\/ssl$/,
      usage: "POST /__admin/rdsv3/instances/:id/ssl {enableSsl} (console change, applied at once)",
      handle: ({ match, body }) => {
        if (typeof body.enableSsl !== "boolean")
          throw new AdminError(400, "enableSsl must be a boolean");
        return store.setSsl(id(match), body.enableSsl);
      },
    },
    {
      method: "POST",
      path: /^\/rdsv3\/instances\/([^/]+)\/status$/,
      usage: "POST /__admin/rdsv3/instances/:id/status {status}",
      handle: ({ match, body }) => store.setStatus(id(match), String(body.status)),
    },
    {
      method: "POST",
      path: /^\/rdsv3\/instances\/([^/]+)\/fail-next-change$/,
      usage: "POST /__admin/rdsv3/instances/:id/fail-next-change {reason}",
      handle: ({ match, body }) => (
        store.failNextChange(id(match), String(body.reason ?? "failed")),
        { ok: true }
      ),
    },
    {
      method: "POST",
      path: /^\/rdsv3\/instances\/([^/]+)\/other-task$/,
      usage: "POST /__admin/rdsv3/instances/:id/other-task {name, startedAgoMs, durationMs}",
      handle: ({ match, body }) => {
        const { name, startedAgoMs, durationMs } = body;
        if (
          typeof name !== "string" ||
          typeof startedAgoMs !== "number" ||
          !((durationMs as number) > 0)
        )
          throw new AdminError(400, "name, startedAgoMs and durationMs (> 0) are required");
        return {
          id: store.addOtherTask(id(match), {
            name,
            startedAgoMs,
            durationMs: durationMs as number,
          }),
        };
      },
    },
    {
      method: "GET",
      path: /^\/rdsv3\/jobs\/([^/]+)$/,
      usage: "GET /__admin/rdsv3/jobs/:id",
      handle: ({ match }) => must(store.job(id(match)), `job "${id(match)}"`),
    },
  ];
}
