// A policy pack that fails `pulumi preview` when a database in the stack is left without SSL.
//
//   pulumi preview --policy-pack examples/policy
//
// Settings per policy (enforcement level, production stacks, exemptions) come from a config file:
//   pulumi preview --policy-pack examples/policy --policy-pack-config examples/policy/config.json
import { PolicyPack } from "@pulumi/policy";
// The package's `exports` map resolves this (moduleResolution node16 in ./tsconfig.json); the
// repository's root tsconfig maps it to the source (`paths`).
import { dbsslPolicies } from "pulumi-dbssl/policy";

new PolicyPack("pulumi-dbssl", {
  policies: dbsslPolicies({
    // The defaults: the SSL rules are mandatory, renewBeforeDays is advisory.
    enforcementLevels: { "dbssl-renew-before-days": "advisory" },
  }),
});
