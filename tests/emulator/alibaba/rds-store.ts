/**
 * The set of emulated RDS instances, and the admin operations tests use on it (seed, read, change SSL
 * out of band as a console user would, change status, delete).
 */
import type { VirtualClock } from "../virtual-clock";
import {
  newRdsInstance,
  patchSsl,
  settle,
  visibleSsl,
  visibleStatus,
  type RdsEngine,
  type RdsInstance,
  type RdsInstanceSeed,
  type RdsSslPatch,
  type RdsSslState,
  type RdsTiming,
} from "./rds-instances";

/** SSL state as the admin API shows it: times as ISO 8601. */
export type RdsSslView = Omit<RdsSslState, "createdAt" | "expiresAt"> & {
  createdAt?: string;
  expiresAt?: string;
};

export interface RdsInstanceView {
  id: string;
  engine: RdsEngine;
  engineVersion: string;
  regionId: string;
  connectionString: string;
  port: number;
  /** What DescribeDBInstanceAttribute reports now. */
  status: string;
  /** What DescribeDBInstanceSSL reports now. */
  ssl: RdsSslView;
  timing: RdsTiming;
  /** An accepted Modify that has not landed yet. */
  pending?: {
    phase: "lag" | "modifying";
    acceptedAt: string;
    modifyingAt: string;
    completesAt: string;
    target: RdsSslView;
  };
}

export interface RdsAdmin {
  seed(seed: RdsInstanceSeed): RdsInstanceView;
  get(id: string): RdsInstanceView | undefined;
  list(): RdsInstanceView[];
  /** Applies an SSL change immediately, like a console user would; cancels a pending Modify. */
  setSsl(id: string, patch: RdsSslPatch): RdsInstanceView;
  /** Sets the base status (e.g. "Stopped", "Rebooting"); a pending Modify still shows SSL_MODIFYING. */
  setStatus(id: string, status: string): RdsInstanceView;
  delete(id: string): boolean;
}

export class UnknownInstanceError extends Error {
  constructor(id: string) {
    super(`no emulated RDS instance "${id}"`);
  }
}

const iso = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString();

export function sslView(ssl: RdsSslState): RdsSslView {
  const { createdAt, expiresAt, ...rest } = ssl;
  return { ...rest, createdAt: iso(createdAt), expiresAt: iso(expiresAt) };
}

export class RdsInstanceStore implements RdsAdmin {
  private readonly instances = new Map<string, RdsInstance>();

  constructor(
    private readonly clock: Pick<VirtualClock, "now">,
    private readonly defaultTiming: RdsTiming,
  ) {}

  /** The live instance, settled to the current virtual time (for the API handlers). */
  find(id: string): RdsInstance | undefined {
    const instance = this.instances.get(id);
    if (instance) settle(instance, this.clock.now());
    return instance;
  }

  seed(seed: RdsInstanceSeed): RdsInstanceView {
    const instance = newRdsInstance(seed, this.defaultTiming, this.clock.now());
    this.instances.set(instance.id, instance);
    return this.view(instance);
  }

  get(id: string): RdsInstanceView | undefined {
    const instance = this.find(id);
    return instance && this.view(instance);
  }

  list(): RdsInstanceView[] {
    return [...this.instances.keys()].map((id) => this.view(this.mustFind(id)));
  }

  setSsl(id: string, patch: RdsSslPatch): RdsInstanceView {
    const instance = this.mustFind(id);
    instance.pending = undefined;
    instance.ssl = patchSsl(instance.ssl, patch, this.clock.now());
    if (instance.ssl.sslEnabled && instance.ssl.connectionString === undefined) {
      instance.ssl.connectionString = instance.connectionString;
    }
    return this.view(instance);
  }

  setStatus(id: string, status: string): RdsInstanceView {
    const instance = this.mustFind(id);
    instance.status = status;
    return this.view(instance);
  }

  delete(id: string): boolean {
    return this.instances.delete(id);
  }

  reset(): void {
    this.instances.clear();
  }

  private mustFind(id: string): RdsInstance {
    const instance = this.find(id);
    if (!instance) throw new UnknownInstanceError(id);
    return instance;
  }

  private view(instance: RdsInstance): RdsInstanceView {
    const now = this.clock.now();
    const status = visibleStatus(instance, now);
    const pending = instance.pending;
    return {
      id: instance.id,
      engine: instance.engine,
      engineVersion: instance.engineVersion,
      regionId: instance.regionId,
      connectionString: instance.connectionString,
      port: instance.port,
      status,
      ssl: sslView(visibleSsl(instance, now)),
      timing: { ...instance.timing },
      pending: pending && {
        phase: now < pending.modifyingAt ? "lag" : "modifying",
        acceptedAt: new Date(pending.acceptedAt).toISOString(),
        modifyingAt: new Date(pending.modifyingAt).toISOString(),
        completesAt: new Date(pending.completesAt).toISOString(),
        target: sslView(pending.target),
      },
    };
  }
}
