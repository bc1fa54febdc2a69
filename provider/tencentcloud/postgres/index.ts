export { DbSslConfig, type DbSslConfigArgs } from "./resource";
