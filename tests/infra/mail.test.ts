import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { actionsOf, exampleTemplate, newStack, resourcesOf, statementsOfRole, testConfig } from './synth.ts';

const arn = (rest: string) => `arn:aws:ses:eu-west-2:111111111111:${rest}`;
const configurationSetArn = (ref: string) => ({
  'Fn::Join': ['', ['arn:aws:ses:eu-west-2:111111111111:configuration-set/', { Ref: ref }]],
});
const logicalIdStartingWith = (template: Template, type: string, prefix: string): string => {
  const id = Object.keys(template.findResources(type)).find((key) => key.startsWith(prefix));
  if (id === undefined) throw new Error(`no ${type} ${prefix}*`);
  return id;
};

function sesStatements(template: Template, role: string) {
  return statementsOfRole(template, role).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
}

describe('SES', () => {
  it.each([
    ['FunctionsIngestRole', 'MailFinanceMail'],
    ['FunctionsReportRole', 'MailBoardMail'],
  ])('lets %s send only as the trust’s identity and only through its configuration set (%s)', (role, set) => {
    const template = exampleTemplate();
    const [statement, ...others] = sesStatements(template, role);
    expect(others).toEqual([]);
    expect(statement?.Effect).toBe('Allow');
    expect(actionsOf(statement).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(resourcesOf(statement)).toEqual([
      arn('identity/example.nhs.uk'),
      configurationSetArn(logicalIdStartingWith(template, 'AWS::SES::ConfigurationSet', set)),
    ]);
  });

  /** In the sandbox, with the identity verified outside the stack. */
  let sandboxTemplate: Template | undefined;
  const sandbox = (): Template => {
    const email = testConfig().email;
    sandboxTemplate ??= Template.fromStack(
      newStack(testConfig({ email: { ...email, sandbox: true, createIdentity: false } })),
    );
    return sandboxTemplate;
  };

  it('adds the recipients’ identities while the account is in the SES sandbox, which checks them too', () => {
    const template = sandbox();
    const resources = resourcesOf(sesStatements(template, 'FunctionsReportRole')[0]);
    expect(resources).toContainEqual(arn('identity/procurement.board@example.nhs.uk'));
    expect(resources).toContainEqual(arn('identity/accounts.payable@example.nhs.uk'));
    expect(resources).not.toContain('*');
  });

  it('sends over TLS only, suppresses bounced and complaining addresses, and publishes every send outcome to CloudWatch', () => {
    const sets = Object.entries(exampleTemplate().findResources('AWS::SES::ConfigurationSet'));
    expect(sets).toHaveLength(2);
    for (const [id, set] of sets) {
      expect(set.Properties).toMatchObject({
        DeliveryOptions: { TlsPolicy: 'REQUIRE' },
        ReputationOptions: { ReputationMetricsEnabled: true },
        SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      });
      exampleTemplate().hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        ConfigurationSetName: { Ref: id },
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: [
            'send',
            'delivery',
            'bounce',
            'complaint',
            'reject',
            'renderingFailure',
            'deliveryDelay',
          ],
          CloudWatchDestination: {
            DimensionConfigurations: [
              {
                DimensionName: 'ses:configuration-set',
                DimensionValueSource: 'messageTag',
                DefaultDimensionValue: 'none',
              },
            ],
          },
        },
      });
    }
  });

  it('creates the domain identity with 2048-bit Easy DKIM and prints the three CNAMEs to publish', () => {
    exampleTemplate().hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'example.nhs.uk',
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
    });
    const outputs = Object.keys(exampleTemplate().findOutputs('*')).filter((name) =>
      name.includes('DkimRecord'),
    );
    expect(outputs).toHaveLength(3);
  });

  it('leaves an identity verified outside the stack alone', () => {
    const template = sandbox();
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    expect(resourcesOf(sesStatements(template, 'FunctionsIngestRole')[0])).toContainEqual(
      arn('identity/example.nhs.uk'),
    );
  });

  it('scopes sending to the sender address itself when that is the identity', () => {
    const config = testConfig();
    const template = Template.fromStack(
      newStack(testConfig({ email: { ...config.email, identity: 'socval@example.nhs.uk' } })),
    );
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'socval@example.nhs.uk' });
    expect(resourcesOf(sesStatements(template, 'FunctionsIngestRole')[0])[0]).toEqual(
      arn('identity/socval@example.nhs.uk'),
    );
  });
});
