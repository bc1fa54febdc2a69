/**
 * The only code serialized into each resource's `__provider`. Every method `require()`s the
 * installed package at run time, so the text holds no secret, does not change when the
 * package's code changes, and refresh/destroy run the installed code rather than a stale copy
 * frozen in state (pulumi-dynamic.md P3, P6).
 *
 * Each family's shim is the whole `module.exports` of a file under `provider/shims/`. When the
 * package is installed under node_modules (as users have it), Pulumi's closure serializer
 * captures such a module object as a single `require("pulumi-dbssl/dist/provider/shims/...")`
 * line (runtime/closure/createClosure.ts captureModuleAsync): about 260 characters. Where the
 * package is not under node_modules (a linked checkout), the methods below are serialized by
 * value instead, which is larger but behaves the same.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

export function makeShim(family: string): dynamic.ResourceProvider {
  return {
    async configure(req) {
      return require("pulumi-dbssl/runtime").configure(req);
    },
    async check(olds, news) {
      return require("pulumi-dbssl/runtime").lifecycle(family).check(olds, news);
    },
    async diff(id, olds, news) {
      return require("pulumi-dbssl/runtime").lifecycle(family).diff(id, olds, news);
    },
    async create(inputs) {
      return require("pulumi-dbssl/runtime").lifecycle(family).create(inputs);
    },
    async read(id, props) {
      return require("pulumi-dbssl/runtime").lifecycle(family).read(id, props);
    },
    async update(id, olds, news) {
      return require("pulumi-dbssl/runtime").lifecycle(family).update(id, olds, news);
    },
    async delete(id, props) {
      return require("pulumi-dbssl/runtime").lifecycle(family).delete(id, props);
    },
  };
}
