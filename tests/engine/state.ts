// The stack's state file, shaped like a Pulumi checkpoint (`pulumi stack export`): version 3, the
// passphrase secrets provider state, and one entry per resource. Secret values are stored as
// `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": "v1:..." }`.
import * as fs from "fs";
import * as path from "path";
import { PassphraseCrypter } from "./passphrase";
import { PropertyMap } from "./wire";

export interface ResourceState {
  urn: string;
  custom: true;
  type: string;
  id: string;
  /** Checked inputs, secrets in wire form (`{sig, value}`) in memory. */
  inputs: PropertyMap;
  outputs: PropertyMap;
  dependencies: string[];
  protect?: boolean;
  retainOnDelete?: boolean;
  deleteBeforeReplace?: boolean;
  additionalSecretOutputs?: string[];
  /** Set when Create/Update failed with ErrorResourceInitFailed (engine: StatusPartialFailure). */
  initErrors?: string[];
  /** An old copy waiting for its replacement's create-before-delete to finish. */
  delete?: boolean;
}

interface Checkpoint {
  version: 3;
  checkpoint: {
    stack: string;
    latest: {
      manifest: { time: string; magic: string; version: string };
      secrets_providers: { type: "passphrase"; state: { salt: string } };
      resources: ResourceState[];
    };
  };
}

/** Reads and writes one stack's state file; secrets are only ever written encrypted. */
export class StateFile {
  private crypter?: PassphraseCrypter;

  constructor(
    readonly file: string,
    private readonly passphrase: string,
    private readonly stack: string,
  ) {}

  async load(): Promise<ResourceState[]> {
    if (!fs.existsSync(this.file)) return [];
    const cp = JSON.parse(fs.readFileSync(this.file, "utf8")) as Checkpoint;
    const latest = cp.checkpoint.latest;
    this.crypter ??= await PassphraseCrypter.open(
      this.passphrase,
      latest.secrets_providers.state.salt,
    );
    return latest.resources.map((r) => this.crypter!.decryptSecrets(r) as ResourceState);
  }

  async save(resources: ResourceState[]): Promise<void> {
    this.crypter ??= await this.openOrCreate();
    const cp: Checkpoint = {
      version: 3,
      checkpoint: {
        stack: this.stack,
        latest: {
          manifest: { time: new Date().toISOString(), magic: "", version: "pulumi-dbssl-harness" },
          secrets_providers: { type: "passphrase", state: { salt: this.crypter.state } },
          resources: resources.map((r) => this.crypter!.encryptSecrets(r) as ResourceState),
        },
      },
    };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    // Write then rename, so that a crash mid-write never leaves a torn state file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(cp, null, 2));
    fs.renameSync(tmp, this.file);
  }

  private async openOrCreate(): Promise<PassphraseCrypter> {
    if (fs.existsSync(this.file)) {
      const cp = JSON.parse(fs.readFileSync(this.file, "utf8")) as Checkpoint;
      return PassphraseCrypter.open(
        this.passphrase,
        cp.checkpoint.latest.secrets_providers.state.salt,
      );
    }
    return PassphraseCrypter.create(this.passphrase);
  }
}
