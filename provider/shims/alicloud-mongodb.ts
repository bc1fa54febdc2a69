// The serialized provider of alicloud.mongodb.DbSslConfig: see provider/core/shim.ts.
import { makeShim } from "../core/shim";

export = makeShim("alicloud.mongodb");
