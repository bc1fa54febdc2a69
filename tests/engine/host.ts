// Low-level driver of the real `@pulumi/pulumi/cmd/dynamic-provider` host over gRPC, the way the
// Pulumi engine drives the `pulumi-nodejs` plugin (see ../shared/reference/pulumi-dynamic.md §3).
import { spawn, ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";

/* eslint-disable @typescript-eslint/no-explicit-any */
const PULUMI_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// The generated stubs use the grpc-js / google-protobuf copies next to @pulumi/pulumi: use the same.
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [PULUMI_DIR] }));
const structproto = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [PULUMI_DIR] }),
);
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");

/** `rpc.unknownValue`: how the engine sends values not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** `rpc.specialSigKey` / `rpc.specialSecretSig`: the wire form of a secret. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export interface StartHostOptions {
  env?: Record<string, string>;
  /** Called with each stderr line as it arrives (the provider's progress). */
  onStderr?: (line: string) => void;
  project?: string;
  /** The project directory (where Pulumi.yaml is): the CLI starts the plugin there. Default: repo root. */
  cwd?: string;
}

export type ConfigValue = string | { secret: string };
type Props = Record<string, unknown>;

export interface DynamicHost {
  configure(config: Record<string, ConfigValue>): Promise<void>;
  check(
    urn: string,
    olds: object,
    news: object,
  ): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
  diff(
    id: string,
    urn: string,
    olds: object,
    news: object,
  ): Promise<{
    changes: "none" | "some" | "unknown";
    replaces: string[];
    deleteBeforeReplace: boolean;
  }>;
  create(urn: string, props: object): Promise<{ id: string; outputs: Props }>;
  read(
    id: string,
    urn: string,
    props: object,
    inputs?: object,
  ): Promise<{ id: string; outputs: Props; inputs?: Props }>;
  update(id: string, urn: string, olds: object, news: object): Promise<{ outputs: Props }>;
  delete(id: string, urn: string, props: object): Promise<void>;
  readonly logs: string[];
  stop(): Promise<void>;
  /** SIGKILL, as a crash or an OOM kill ends the plugin: no cleanup runs in the host. */
  kill(): Promise<void>;
}

/** A Create/Update that failed after the resource came to exist (`pulumirpc.ErrorResourceInitFailed`). */
export class ResourceInitFailedError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Props,
    readonly reasons: string[],
    readonly code: number,
  ) {
    super(message);
    this.name = "ResourceInitFailedError";
  }
}

/** Wire form of a secret value, as the engine marshals config with KeepSecrets. */
export function wireSecret(value: unknown): Props {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** The repo root: the nearest ancestor of this file holding package.json named pulumi-dbssl. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, "utf8")).name === "pulumi-dbssl") {
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no pulumi-dbssl package.json above ${__dirname}`);
    dir = up;
  }
}

/**
 * The host script as the CLI's `pulumi-resource-pulumi-nodejs` finds it: it runs
 * `node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))"` in the project
 * directory, then `node <that path> <engine address>` (pulumi/pulumi sdk/nodejs/dist/).
 */
export function hostScriptFrom(projectDir: string): string {
  return require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [projectDir] });
}

/** The test-side clock preload (tests/fixtures/clock-preload.ts), as the compiled .js next to us. */
const CLOCK_PRELOAD = path.join(__dirname, "..", "fixtures", "clock-preload.js");

/**
 * The environment the CLI gives the plugin: its own environment (minus NODE_PATH here, so a test
 * cannot pass where a user's CLI would fail) plus the project variables. A test that shares the
 * emulator's virtual clock sets DBSSL_TEST_CLOCK_URL; the preload then injects that clock through
 * `pulumi-dbssl/runtime`'s `useClock` (the product itself never reads the variable).
 */
function hostEnvironment(project: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_NODEJS_PROJECT: project };
  env.PULUMI_PROJECT = project;
  delete env.NODE_PATH;
  Object.assign(env, extra);
  if (extra.DBSSL_TEST_CLOCK_URL) {
    if (!fs.existsSync(CLOCK_PRELOAD)) throw new Error(`${CLOCK_PRELOAD} missing: npm run build`);
    env.NODE_OPTIONS = `${extra.NODE_OPTIONS ?? ""} --require ${JSON.stringify(CLOCK_PRELOAD)}`;
  }
  return env;
}

const toStruct = (obj: object) => structproto.Struct.fromJavaScript(obj);
const fromStruct = (s: any): Props => (s ? s.toJavaScript() : {});

function spawnHost(
  opts: StartHostOptions,
): Promise<{ child: ChildProcess; port: number; logs: string[] }> {
  const cwd = opts.cwd ?? repoRoot();
  const child = spawn(process.execPath, [hostScriptFrom(cwd), "127.0.0.1:1" /* engine: unused */], {
    cwd,
    env: hostEnvironment(opts.project ?? "dbssl-test", opts.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    let port: number | undefined;
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      if (port === undefined) {
        port = Number(line.trim());
        resolve({ child, port, logs });
      } else logs.push(line);
    });
    readline.createInterface({ input: child.stderr! }).on("line", (line) => {
      logs.push(line);
      opts.onStderr?.(line);
    });
    child.on("exit", (code) => {
      if (port === undefined)
        reject(new Error(`dynamic host exited early (${code}): ${logs.join("\n")}`));
    });
    setTimeout(
      () => port === undefined && reject(new Error("dynamic host printed no port")),
      20000,
    ).unref();
  });
}

/** Turns a gRPC error into ResourceInitFailedError when it carries ErrorResourceInitFailed. */
function decodeError(err: any): Error {
  const bins = err?.metadata?.get?.("grpc-status-details-bin") ?? [];
  if (bins.length > 0) {
    const status = statusproto.Status.deserializeBinary(bins[0]);
    for (const any of status.getDetailsList()) {
      if (any.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const d = any.unpack(
        provproto.ErrorResourceInitFailed.deserializeBinary,
        "pulumirpc.ErrorResourceInitFailed",
      );
      const message = err.details ?? err.message;
      return new ResourceInitFailedError(
        message,
        d.getId(),
        fromStruct(d.getProperties()),
        d.getReasonsList(),
        err.code,
      );
    }
  }
  const e = new Error(err?.details || err?.message || String(err)) as Error & { code?: number };
  e.code = err?.code;
  return e;
}

function typeAndName(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const qualified = parts[2] ?? "";
  return { type: qualified.split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

function newRequest(Ctor: any, urn: string, id?: string): any {
  const req = new Ctor();
  const { type, name } = typeAndName(urn);
  req.setUrn(urn);
  if (req.setName) req.setName(name);
  if (req.setType) req.setType(type);
  if (id !== undefined) req.setId(id);
  return req;
}

function encodeConfig(config: Record<string, ConfigValue>): Props {
  const args: Props = {};
  for (const [k, v] of Object.entries(config)) {
    args[k] = typeof v === "object" && v !== null ? wireSecret(v.secret) : v;
  }
  return args;
}

const DIFF_CHANGES = ["unknown", "none", "some"] as const;

/** The engine's side of the gRPC connection to one host process. */
class GrpcDynamicHost implements DynamicHost {
  private readonly client: any;

  constructor(
    private readonly child: ChildProcess,
    port: number,
    readonly logs: string[],
  ) {
    this.client = new provrpc.ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
      { "grpc.max_receive_message_length": 400 * 1024 * 1024 },
    );
  }

  private call(method: string, req: unknown): Promise<any> {
    return new Promise((resolve, reject) =>
      this.client[method](req, (err: unknown, resp: unknown) =>
        err ? reject(decodeError(err)) : resolve(resp),
      ),
    );
  }

  async configure(config: Record<string, ConfigValue>): Promise<void> {
    const req = new provproto.ConfigureRequest();
    req.setArgs(toStruct(encodeConfig(config)));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    await this.call("configure", req);
  }

  async check(urn: string, olds: object, news: object) {
    const req = newRequest(provproto.CheckRequest, urn);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    const resp = await this.call("check", req);
    const failures = resp
      .getFailuresList()
      .map((f: any) => ({ property: f.getProperty(), reason: f.getReason() }));
    return { inputs: fromStruct(resp.getInputs()), failures };
  }

  async diff(id: string, urn: string, olds: object, news: object) {
    const req = newRequest(provproto.DiffRequest, urn, id);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    const resp = await this.call("diff", req);
    return {
      changes: DIFF_CHANGES[resp.getChanges()] ?? "unknown",
      replaces: resp.getReplacesList() as string[],
      deleteBeforeReplace: resp.getDeletebeforereplace() as boolean,
    };
  }

  async create(urn: string, props: object) {
    const req = newRequest(provproto.CreateRequest, urn);
    req.setProperties(toStruct(props));
    const resp = await this.call("create", req);
    return { id: resp.getId() as string, outputs: fromStruct(resp.getProperties()) };
  }

  async read(id: string, urn: string, props: object, inputs?: object) {
    const req = newRequest(provproto.ReadRequest, urn, id);
    req.setProperties(toStruct(props));
    if (inputs) req.setInputs(toStruct(inputs));
    const resp = await this.call("read", req);
    const out = { id: resp.getId() as string, outputs: fromStruct(resp.getProperties()) };
    return resp.hasInputs() ? { ...out, inputs: fromStruct(resp.getInputs()) } : out;
  }

  async update(id: string, urn: string, olds: object, news: object) {
    const req = newRequest(provproto.UpdateRequest, urn, id);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    const resp = await this.call("update", req);
    return { outputs: fromStruct(resp.getProperties()) };
  }

  async delete(id: string, urn: string, props: object): Promise<void> {
    const req = newRequest(provproto.DeleteRequest, urn, id);
    req.setProperties(toStruct(props));
    await this.call("delete", req);
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill();
    });
  }

  kill(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGKILL");
    return exited;
  }
}

/** Starts the SDK's dynamic-provider host (one child process) and connects to it. */
export async function startDynamicHost(opts: StartHostOptions = {}): Promise<DynamicHost> {
  const { child, port, logs } = await spawnHost(opts);
  return new GrpcDynamicHost(child, port, logs);
}
