export * as postgres from "./postgres";
