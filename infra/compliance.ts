import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import type { Construct } from 'constructs';

/**
 * Runs the AWS Solutions and NIST 800-53 rev 5 rule packs on every synth of `app`; any finding not
 * acknowledged (with its reason) fails the synth. Acknowledgements are also written into each
 * resource's template metadata (`cdk_nag.rules_to_suppress`) for reviewers.
 */
export function addComplianceChecks(app: Construct): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
    new NIST80053R5Checks(app, { verbose: true }),
  );
}
