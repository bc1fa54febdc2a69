// The serialized provider of opentelekomcloud.rds.DbSslConfig: see provider/core/shim.ts.
import { makeShim } from "../core/shim";

export = makeShim("opentelekomcloud.rds");
