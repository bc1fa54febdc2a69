/**
 * The Automation API's inline language server, for running a `pulumi` command line of our own
 * choosing (a recipe from docs/CI.md, a `--policy-pack` preview, an `up` we SIGKILL).
 *
 * This is what `Stack.up()` of @pulumi/pulumi/automation does before it spawns the CLI
 * (automation/stack.js): serve the program with `LanguageServer` on a loopback port and pass
 * `--client=<address> --exec-kind auto.inline`. Everything after that is the CLI's own.
 */
import { createRequire } from "module";

type Program = () => Promise<Record<string, unknown>>;

interface LanguageServerLike {
  onPulumiExit(hasError: boolean): void;
}
interface GrpcServer {
  addService(service: unknown, impl: unknown): void;
  bindAsync(address: string, creds: unknown, cb: (err: Error | null, port: number) => void): void;
  forceShutdown(): void;
}

// @grpc/grpc-js is @pulumi/pulumi's own dependency: load the copy it uses.
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));
const grpc = fromPulumi("@grpc/grpc-js") as {
  Server: new (opts: object) => GrpcServer;
  ServerCredentials: { createInsecure(): unknown };
};
const { LanguageServer } = fromPulumi("./automation/server") as {
  LanguageServer: new (program: Program) => LanguageServerLike;
};
const langrpc = fromPulumi("./proto/language_grpc_pb") as { LanguageRuntimeService: unknown };
const { grpcChannelOptions } = fromPulumi("./runtime/settings") as { grpcChannelOptions: object };

/** Serves `program` while `run` gets the two CLI arguments that point the CLI at it. */
export async function withInlineProgram<T>(
  program: Program,
  run: (clientArgs: string[]) => Promise<T & { code: number }>,
): Promise<T & { code: number }> {
  const server = new grpc.Server({ ...grpcChannelOptions });
  const language = new LanguageServer(program);
  server.addService(langrpc.LanguageRuntimeService, language);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  let hasError = true;
  try {
    const result = await run([`--client=127.0.0.1:${port}`, "--exec-kind", "auto.inline"]);
    hasError = result.code !== 0;
    return result;
  } finally {
    language.onPulumiExit(hasError);
    server.forceShutdown();
  }
}
