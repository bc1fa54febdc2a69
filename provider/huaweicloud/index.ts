export * as rds from "./rds";
