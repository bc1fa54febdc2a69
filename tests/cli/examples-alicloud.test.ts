/** The Alibaba Cloud examples through the real Pulumi CLI (example-suite.ts). */
import { EXAMPLES } from "./example-cases";
import { describeExamples } from "./example-suite";

describeExamples(
  "Alibaba Cloud examples through the real Pulumi CLI",
  EXAMPLES.filter((e) => e.project.startsWith("examples/alicloud-")),
);
