/**
 * ModifyDBInstanceSSL (seed 000): the checks behind its error codes, and the state the instance will
 * read once the change lands. `SSLAction` Open / Close / Update is checked against the instance's
 * real SSL state: Open on an open instance answers SSLAlreadyEnabled, Close on a closed one
 * SSLAlreadyDisabled, Update on a closed one SSLNotEnabled. During the lag or while a change waits
 * for its window the instance reads Running and, like the real API, ACCEPTS another Modify (a second
 * restart): a provider must read the task center before resending.
 */
import type { Params } from "../request-log";
import { ddsErrors, refusalError } from "./dds-errors";
import {
  DDS_CERT_VALIDITY_MS,
  forceEncryptionCapable,
  nextWindowStart,
  phaseOf,
  type DdsInstance,
  type DdsPending,
  type DdsSslState,
} from "./dds-instances";

const ACTIONS = ["Open", "Close", "Update"];

function flag(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === "") return undefined;
  if (value !== "0" && value !== "1") throw ddsErrors.invalidParam();
  return value === "1";
}

/** The seed's requirements: replica set >= 3.4, sharded cluster on ESSD, not a single node. */
export function topologyError(instance: DdsInstance) {
  if (instance.singleNode) return ddsErrors.singleNodeNotSupport();
  if (instance.instanceType === "sharding" && !instance.storageType.startsWith("cloud_essd")) {
    return ddsErrors.storageTypeNotSupported();
  }
  const [major, minor] = instance.engineVersion.split(".").map(Number);
  if (instance.instanceType === "replicate" && (major < 3 || (major === 3 && minor < 4))) {
    return ddsErrors.incorrectEngineVersion();
  }
  return undefined;
}

function checkState(instance: DdsInstance, now: number): void {
  if (instance.lockMode !== "Unlock") throw ddsErrors.incorrectLockMode();
  const phase = phaseOf(instance, now);
  if (instance.status !== "Running" || phase === "modifying" || phase === "restarting") {
    throw ddsErrors.incorrectInstanceState();
  }
}

function checkAction(current: DdsSslState, action: string): void {
  if (action === "Open" && current.open) throw ddsErrors.sslAlreadyEnabled();
  if (action === "Close" && !current.open) throw ddsErrors.sslAlreadyDisabled();
  if (action === "Update" && !current.open) throw ddsErrors.sslNotEnabled();
}

function target(current: DdsSslState, action: string, force: boolean | undefined, at: number) {
  if (action === "Close") return { open: false, forceEncryption: false };
  return {
    open: true,
    expiresAt: at + DDS_CERT_VALIDITY_MS,
    forceEncryption: force ?? current.forceEncryption,
  };
}

/** Validates the call and starts the change; throws the AlibabaError the real API would answer. */
export function startModify(instance: DdsInstance, params: Params, now: number): DdsPending {
  const action = params.SSLAction;
  if (!ACTIONS.includes(action)) throw ddsErrors.invalidParam();
  const switchMode = params.SwitchMode ?? "0";
  if (switchMode !== "0" && switchMode !== "1") throw ddsErrors.invalidParam();
  const force = flag(params, "ForceEncryption");
  if (instance.refuseModify) throw refusalError(instance.refuseModify);
  const topology = topologyError(instance);
  if (topology) throw topology;
  if (force !== undefined && !forceEncryptionCapable(instance))
    throw ddsErrors.incorrectEngineVersion();
  checkState(instance, now);
  checkAction(instance.ssl, action);
  const before = instance.pending;
  const scheduled = switchMode === "1";
  const startsAt = scheduled
    ? nextWindowStart(instance.maintainStartTime, now)
    : now + instance.timing.lagMs;
  // Accepted during the lag (or the wait) of an earlier change: a second restart after it.
  const modifyingAt = before ? Math.max(before.modifyingAt, startsAt) : startsAt;
  const completesAt = (before ? before.completesAt : modifyingAt) + instance.timing.durationMs;
  const base = before?.target ?? instance.ssl;
  instance.pending = {
    acceptedAt: now,
    modifyingAt,
    completesAt,
    target: target(base, action, force, completesAt),
    scheduled: scheduled && (before?.scheduled ?? true),
    taskId: before?.taskId ?? "",
    restarts: (before?.restarts ?? 0) + 1,
  };
  return instance.pending;
}
