// The serialized provider of huaweicloud.rds.DbSslConfig: see provider/core/shim.ts.
import { makeShim } from "../core/shim";

export = makeShim("huaweicloud.rds");
