/**
 * A bare signed RDS v3 request for emulator tests and for "another process" in provider tests (a
 * killed `up` whose PUT was accepted). Signs with the provider's signer at the emulator's clock.
 */
import * as http from "node:http";
import { authorization, sdkDate } from "../../../provider/rdsv3/signer";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY } from "../emulator-state";
import type { Emulator } from "../index";

export interface RawRequest {
  method: "GET" | "PUT" | "POST";
  path: string;
  query?: Record<string, string>;
  body?: object;
  secretKey?: string;
  /** Signs as this user (default the emulator's key; a key the emulator does not know gets 401). */
  accessKey?: string;
  /** X-Sdk-Date epoch ms (default: the emulator's now). */
  dateMs?: number;
  /** Changes the body after signing. */
  tamperBody?: string;
}

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown>;
}

export function rdsV3Request(emu: Emulator, r: RawRequest): Promise<RawAnswer> {
  const url = new URL(r.path, emu.url);
  for (const [k, v] of Object.entries(r.query ?? {})) url.searchParams.set(k, v);
  const body = r.body === undefined ? "" : JSON.stringify(r.body);
  const projectId = r.path.split("/")[2];
  const headers: Record<string, string> = {
    Host: url.host,
    "Content-Type": "application/json",
    "X-Project-Id": projectId,
    "X-Sdk-Date": sdkDate(r.dateMs ?? emu.clock.now()),
  };
  const toSign = { method: r.method, path: r.path, query: r.query ?? {}, headers, body };
  headers.Authorization = authorization(
    toSign,
    r.accessKey ?? EMULATOR_ACCESS_KEY,
    r.secretKey ?? EMULATOR_SECRET_KEY,
  );
  const sent = r.tamperBody ?? body;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: r.method, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
        }),
      );
    });
    req.on("error", reject);
    req.end(sent === "" ? undefined : sent);
  });
}
