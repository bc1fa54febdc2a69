/**
 * The example policy pack (examples/policy) run as the Pulumi CLI runs it: `@pulumi/pulumi`'s
 * run-policy-pack host in the pack's directory (ts-node with the pack's tsconfig), spoken to over
 * the analyzer gRPC protocol the engine uses (proto/analyzer.proto): GetAnalyzerInfo, Configure,
 * Analyze (a resource's checked inputs) and AnalyzeStack (the stack at the end of a preview).
 */
import * as assert from "assert";
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import * as readline from "readline";

const grpc = require("@grpc/grpc-js");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");
const analyzerproto = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");

const PACK_DIR = path.resolve(__dirname, "../../../examples/policy");
const RUN_POLICY_PACK = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", {
  paths: [PACK_DIR],
});
/** `rpc.unknownValue`: what the engine sends for a value not known during preview. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

const RDS = "alicloud:rds/instance:Instance";
const KVSTORE = "alicloud:kvstore/instance:Instance";
const SSL_RDS = "pulumi-nodejs:dynamic/alicloud.rds:DbSslConfig";
const urn = (stack: string, type: string, name: string) =>
  `urn:pulumi:${stack}::shop::${type}::${name}`;

interface Diagnostic {
  policy: string;
  level: string;
  message: string;
  urn: string;
}

function analyzerResource(type: string, name: string, props: object, deps: string[] = []) {
  const r = new analyzerproto.AnalyzerResource();
  r.setType(type);
  r.setName(name);
  r.setUrn(urn("prod", type, name));
  r.setProperties(Struct.fromJavaScript(props));
  r.setOptions(new analyzerproto.AnalyzerResourceOptions());
  r.setDependenciesList(deps);
  if (deps.length) {
    const pd = new analyzerproto.AnalyzerPropertyDependencies();
    pd.setUrnsList(deps);
    r.getPropertydependenciesMap().set("instanceId", pd);
  }
  return r;
}

function diagnostics(response: {
  getDiagnosticsList(): Array<Record<string, () => unknown>>;
}): Diagnostic[] {
  return response.getDiagnosticsList().map((d) => ({
    policy: String(d.getPolicyname()),
    level: LEVELS[Number(d.getEnforcementlevel())],
    message: String(d.getMessage()),
    urn: String(d.getUrn()),
  }));
}

describe("examples/policy as the Pulumi CLI runs it (analyzer gRPC)", function () {
  this.timeout(120_000);
  let pack: ChildProcess;
  let client: Record<string, (req: unknown, cb: (e: Error | null, r: unknown) => void) => void>;
  const call = <T>(method: string, req: unknown) =>
    new Promise<T>((resolve, reject) =>
      client[method].call(client, req, (e, r) => (e ? reject(e) : resolve(r as T))),
    );

  before(async () => {
    // The engine address is not used by a policy pack; the pack prints its own port.
    pack = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:0", "."], { cwd: PACK_DIR });
    let stderr = "";
    pack.stderr?.on("data", (d) => (stderr += d));
    const port = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: pack.stdout! }).once("line", resolve);
      pack.once("exit", (code) => reject(new Error(`policy pack exited ${code}: ${stderr}`)));
    });
    client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });
  after(() => {
    pack?.kill();
  });

  it("describes the five policies with their default enforcement levels", async () => {
    const info = await call<{
      getName(): string;
      getPoliciesList(): Array<{ getName(): string; getEnforcementlevel(): number }>;
    }>("getAnalyzerInfo", new emptyproto.Empty());
    assert.strictEqual(info.getName(), "pulumi-dbssl");
    const levels = Object.fromEntries(
      info.getPoliciesList().map((p) => [p.getName(), LEVELS[p.getEnforcementlevel()]]),
    );
    assert.deepStrictEqual(levels, {
      "dbssl-database-has-ssl-config": "mandatory",
      "dbssl-ssl-enabled": "mandatory",
      "dbssl-production-on-delete-retain": "mandatory",
      "dbssl-renew-before-days": "advisory",
      "dbssl-ssl-declared-once": "advisory",
    });
  });

  it("fails a preview stack with an uncovered database, and matches a new one by dependency", async () => {
    const newDb = analyzerResource(RDS, "orders", { id: UNKNOWN, engine: "MySQL" });
    const ssl = analyzerResource(
      SSL_RDS,
      "orders-ssl",
      { instanceId: UNKNOWN, sslEnabled: true, onDelete: "retain", renewBeforeDays: 30 },
      [urn("prod", RDS, "orders")],
    );
    const cache = analyzerResource(KVSTORE, "cache", { id: "r-cache1" });
    const req = new analyzerproto.AnalyzeStackRequest();
    req.setResourcesList([newDb, ssl, cache]);
    const found = diagnostics(await call("analyzeStack", req));
    assert.deepStrictEqual(found, [
      {
        policy: "dbssl-database-has-ssl-config",
        level: "mandatory",
        urn: urn("prod", KVSTORE, "cache"),
        // The analyzer server puts the policy's description first (@pulumi/policy server.js).
        message:
          "Every database (Alibaba RDS, MongoDB, KVStore; Tencent PostgreSQL; OTC and Huawei RDS) " +
          "has a DbSslConfig of its family with sslEnabled: true naming it, or SSL on through its " +
          "own provider's setting.\n" +
          'alicloud:kvstore/instance:Instance "cache" (r-cache1) has no alicloud.redis DbSslConfig ' +
          "with sslEnabled: true naming it. Declare one: " +
          'new dbssl.alicloud.redis.DbSslConfig("cache-ssl", { instanceId: <database>.id }).',
      },
    ]);
  });

  it("counts a database's own SSL setting, reports it declared twice, and honours ignoreChanges", async () => {
    const native = analyzerResource(RDS, "orders", { id: "rm-orders1", sslAction: "Open" });
    const both = analyzerResource(KVSTORE, "cache", { id: "r-cache1", sslEnable: "Enable" });
    const ignored = analyzerResource(RDS, "billing", { id: "rm-billing", sslAction: "Open" });
    ignored.getOptions().setIgnorechangesList(["sslAction"]);
    const ssl = (name: string, instanceId: string, family: string) =>
      analyzerResource(`pulumi-nodejs:dynamic/${family}:DbSslConfig`, name, {
        instanceId,
        sslEnabled: true,
        onDelete: "retain",
        renewBeforeDays: 30,
      });
    const req = new analyzerproto.AnalyzeStackRequest();
    req.setResourcesList([
      native,
      both,
      ssl("cache-ssl", "r-cache1", "alicloud.redis"),
      ignored,
      ssl("billing-ssl", "rm-billing", "alicloud.rds"),
    ]);
    const found = diagnostics(await call("analyzeStack", req)).map((d) => ({
      ...d,
      message: d.message.split("\n")[1],
    }));
    assert.deepStrictEqual(found, [
      {
        policy: "dbssl-ssl-declared-once",
        level: "advisory",
        urn: urn("prod", KVSTORE, "cache"),
        message:
          'alicloud:kvstore/instance:Instance "cache" (r-cache1) declares SSL twice: its own ' +
          'sslEnable is "Enable", and DbSslConfig "cache-ssl" names it too. Each puts its own ' +
          "value back when it finds the other's; keep one: add ignoreChanges: " +
          '["sslEnable"] to the database, or remove the DbSslConfig.',
      },
    ]);
  });

  it("Configure changes enforcement levels and settings; Analyze sees checked inputs", async () => {
    const configure = new analyzerproto.ConfigureAnalyzerRequest();
    const advisory = new analyzerproto.PolicyConfig();
    advisory.setEnforcementlevel(0);
    advisory.setProperties(Struct.fromJavaScript({ productionStacks: ["prod"] }));
    configure.getPolicyconfigMap().set("dbssl-production-on-delete-retain", advisory);
    await call("configure", configure);
    const req = new analyzerproto.AnalyzeRequest();
    req.setType(SSL_RDS);
    req.setName("orders-ssl");
    req.setUrn(urn("prod", SSL_RDS, "orders-ssl"));
    req.setProperties(
      Struct.fromJavaScript({ instanceId: "rm-1", sslEnabled: false, onDelete: "disable" }),
    );
    req.setOptions(new analyzerproto.AnalyzerResourceOptions());
    const found = diagnostics(await call("analyze", req)).map((d) => [d.policy, d.level]);
    assert.deepStrictEqual(found, [
      ["dbssl-ssl-enabled", "mandatory"],
      ["dbssl-production-on-delete-retain", "advisory"],
    ]);
  });
});
