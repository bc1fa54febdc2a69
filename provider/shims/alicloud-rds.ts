// The serialized provider of alicloud.rds.DbSslConfig: see provider/core/shim.ts.
import { makeShim } from "../core/shim";

export = makeShim("alicloud.rds");
