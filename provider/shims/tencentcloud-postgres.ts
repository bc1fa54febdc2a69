// The serialized provider of tencentcloud.postgres.DbSslConfig: see provider/core/shim.ts.
import { makeShim } from "../core/shim";

export = makeShim("tencentcloud.postgres");
