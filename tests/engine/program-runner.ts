// Child process that plays the Pulumi language host: it runs one Pulumi program under the SDK's mock
// monitor (`pulumi.runtime.setMocks`) and forwards every resource registration, exactly as the
// program serialized it (wire form: secrets wrapped, unknowns as the sentinel, the real `__provider`),
// to the parent engine over IPC. The parent answers with the id and outputs, as the engine does.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

/* eslint-disable @typescript-eslint/no-explicit-any */
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks");
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const PULUMI_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const structproto = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [PULUMI_DIR] }),
);

/**
 * What the parent sends first over the IPC channel (not the environment: a fleet's config of
 * 2,000 instances is longer than one environment string may be, and spawn fails with E2BIG).
 */
export interface RunRequest {
  program: string;
  project: string;
  stack: string;
  preview: boolean;
  config: Record<string, string>;
  secretKeys: string[];
}

/** One registration as the engine's resource monitor receives it. */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  dependencies: string[];
  protect: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  additionalSecretOutputs: string[];
  ignoreChanges: string[];
}

export type ChildMessage =
  | { kind: "register"; seq: number; registration: Registration }
  | { kind: "done"; outputs: Record<string, unknown> }
  | { kind: "error"; message: string };

/** The parent's first message: the program to run. */
export interface StartMessage {
  kind: "run";
  request: RunRequest;
}

export type ParentMessage =
  | { kind: "registered"; seq: number; id: string; outputs: Record<string, unknown> }
  | { kind: "failed"; seq: number; message: string };

const pending = new Map<number, (m: ParentMessage) => void>();
let nextSeq = 0;

function send(m: ChildMessage): void {
  process.send!(m);
}

/** URNs as the engine builds them: children of the root stack carry no parent type. */
function urnOf(req: any): string {
  let type = req.getType();
  const parent: string = req.getParent();
  if (parent) {
    const parentType = parent.split("::")[2].split("$").pop();
    if (parentType !== "pulumi:pulumi:Stack") type = `${parent.split("::")[2]}$${type}`;
  }
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${type}::${req.getName()}`;
}

function registrationOf(req: any): Registration {
  return {
    urn: urnOf(req),
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    inputs: req.getObject() ? req.getObject().toJavaScript() : {},
    dependencies: req.getDependenciesList(),
    protect: req.getProtect() === true,
    retainOnDelete: req.getRetainondelete() === true,
    deleteBeforeReplace: req.getDeletebeforereplace() === true,
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    ignoreChanges: req.getIgnorechangesList(),
  };
}

/** Replaces the mock monitor's registerResource: custom resources go to the parent engine. */
async function registerResource(this: any, req: any, callback: (e: any, r: any) => void) {
  const registration = registrationOf(req);
  if (!registration.custom) {
    const resp = new resproto.RegisterResourceResponse();
    resp.setUrn(registration.urn);
    resp.setObject(structproto.Struct.fromJavaScript({}));
    this.resources.set(registration.urn, { urn: registration.urn, id: null, state: {} });
    return callback(null, resp);
  }
  const seq = nextSeq++;
  const answer = await new Promise<ParentMessage>((resolve) => {
    pending.set(seq, resolve);
    send({ kind: "register", seq, registration });
  });
  if (answer.kind === "failed") return callback(new Error(answer.message), undefined);
  const resp = new resproto.RegisterResourceResponse();
  resp.setUrn(registration.urn);
  resp.setId(answer.id);
  resp.setObject(structproto.Struct.fromJavaScript(answer.outputs));
  this.resources.set(registration.urn, {
    urn: registration.urn,
    id: answer.id,
    state: answer.outputs,
  });
  callback(null, resp);
}

let stackOutputs: Record<string, unknown> = {};

/** The root stack's registerResourceOutputs carries the stack outputs in wire form (secrets kept). */
function registerResourceOutputs(this: any, req: any, callback: (e: any, r: any) => void) {
  if (req.getUrn().includes("::pulumi:pulumi:Stack::")) {
    stackOutputs = req.getOutputs() ? req.getOutputs().toJavaScript() : {};
  }
  callback(null, {});
}

async function run(request: RunRequest): Promise<void> {
  MockMonitor.prototype.registerResource = registerResource;
  MockMonitor.prototype.registerResourceOutputs = registerResourceOutputs;
  await pulumi.runtime.setMocks(
    {
      newResource: () => ({ id: undefined, state: {} }),
      call: () => ({}),
    },
    request.project,
    request.stack,
    request.preview,
  );
  pulumi.runtime.setAllConfig(request.config, request.secretKeys);
  const tsNodeLoaded = Symbol.for("ts-node.register.instance") in process;
  if (request.program.endsWith(".ts") && !tsNodeLoaded) {
    require("ts-node").register({ transpileOnly: true, project: findTsconfig(request.program) });
  }
  await pulumi.runtime.runInPulumiStack(async () => {
    const mod = require(request.program);
    return typeof mod.default === "function" ? await mod.default() : mod;
  });
  await require("@pulumi/pulumi/runtime/settings").waitForRPCs();
  send({ kind: "done", outputs: stackOutputs });
}

function findTsconfig(program: string): string | undefined {
  const fs = require("fs");
  for (let dir = path.dirname(program); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "tsconfig.json"))) return path.join(dir, "tsconfig.json");
  }
  return undefined;
}

function fail(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  send({ kind: "error", message });
  setImmediate(() => process.exit(1));
}

if (require.main === module) {
  process.on("unhandledRejection", fail);
  process.on("uncaughtException", fail);
  process.on("message", (m: ParentMessage | StartMessage) => {
    if (m.kind !== "run") return pending.get(m.seq)?.(m);
    run(m.request).then(
      () => process.disconnect?.(),
      (e) => fail(e),
    );
  });
}
