/**
 * The only code serialized into each resource's `__provider`. Every method `require()`s the
 * installed package at run time, so the text is about 1 KB, holds no secret, does not change
 * when the package's code changes, and refresh/destroy run the installed code rather than a
 * stale copy frozen in state (pulumi-dynamic.md P3, P6). Only `family`, a string, is captured.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

const shims = new Map<string, dynamic.ResourceProvider>();

/** One shim object per family: the SDK caches serialization by object identity. */
export function providerShim(family: string): dynamic.ResourceProvider {
  let shim = shims.get(family);
  if (!shim) {
    shim = makeShim(family);
    shims.set(family, shim);
  }
  return shim;
}

function makeShim(family: string): dynamic.ResourceProvider {
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
