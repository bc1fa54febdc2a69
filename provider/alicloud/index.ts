export * as rds from "./rds";
export * as mongodb from "./mongodb";
export * as redis from "./redis";
