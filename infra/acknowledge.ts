import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * Acknowledges cdk-nag findings on one construct (and what it contains), each `[ruleId, reason]`.
 * The reason says why the finding stands here; a finding without one fails the synth.
 */
export function acknowledge(construct: Construct, findings: readonly (readonly [string, string])[]): void {
  for (const [id, reason] of findings) Validations.of(construct).acknowledge({ id, reason });
}

/** The logical ID a construct's resource has in the template (after any pinning), as nag findings name it. */
export function logicalId(construct: Construct): string {
  const resource = construct.node.defaultChild;
  if (!(resource instanceof CfnElement))
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(construct).resolve(resource.logicalId) as string;
}
