// The serialized provider of alicloud.redis.DbSslConfig: see provider/core/shim.ts.
import { makeShim } from "../core/shim";

export = makeShim("alicloud.redis");
