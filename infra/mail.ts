import { CfnOutput, type Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailProps {
  /** The SES identity that authorises the sender: a domain or an address. */
  readonly identity: string;
  /** Create (and so start verifying) the identity here, or use one already verified in the account. */
  readonly createIdentity: boolean;
  /** Identities SES also checks the sender's permission on while the account is in the sandbox. */
  readonly sandboxRecipients: readonly string[];
}

/** The SES dimension every event destination below publishes its metrics under. */
const CONFIGURATION_SET_DIMENSION = 'ses:configuration-set';

/**
 * SES for socval: the sending identity and one configuration set per kind of mail, so that the board's
 * monthly email has its own metrics (what the "report not sent by the deadline" alarm counts) apart
 * from the rejection notices finance receives.
 */
export class Mail extends Construct {
  readonly identity: string;
  readonly identityArn: string;
  /** The board's monthly report email. */
  readonly boardMail: ses.ConfigurationSet;
  /** Rejection notices to finance. */
  readonly financeMail: ses.ConfigurationSet;
  private readonly sandboxRecipientArns: string[];

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.identity = props.identity;
    this.identityArn = identityArn(stack, props.identity);
    this.sandboxRecipientArns = [...new Set(props.sandboxRecipients)].map((address) =>
      identityArn(stack, address),
    );

    this.boardMail = newConfigurationSet(this, 'BoardMail');
    this.financeMail = newConfigurationSet(this, 'FinanceMail');

    if (props.createIdentity) {
      const isAddress = props.identity.includes('@');
      const identity = new ses.EmailIdentity(this, 'Identity', {
        identity: isAddress ? ses.Identity.email(props.identity) : ses.Identity.domain(props.identity),
        ...(isAddress
          ? {}
          : { dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT) }),
      });
      if (!isAddress) {
        identity.dkimRecords.forEach((record, index) => {
          new CfnOutput(this, `DkimRecord${index + 1}`, {
            description: `DKIM CNAME ${index + 1} of 3 to publish in ${props.identity}'s DNS`,
            value: `${record.name} CNAME ${record.value}`,
          });
        });
      }
    }
  }

  /**
   * Sending as the identity through one configuration set, and nothing else in SES: SES authorises a
   * send on both the identity and the configuration set named in the request.
   */
  sendStatement(configurationSet: ses.ConfigurationSet): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'SendAsTheTrustThroughItsConfigurationSet',
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [this.identityArn, configurationSetArn(configurationSet), ...this.sandboxRecipientArns],
    });
  }

  /** SES-published count of one mail event (`Send`, `Bounce`, …) for a configuration set. */
  metric(configurationSet: ses.ConfigurationSet, event: string, period: Duration): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/SES',
      metricName: event,
      dimensionsMap: { [CONFIGURATION_SET_DIMENSION]: configurationSet.configurationSetName },
      statistic: cloudwatch.Stats.SUM,
      period,
    });
  }
}

function newConfigurationSet(scope: Construct, id: string): ses.ConfigurationSet {
  const set = new ses.ConfigurationSet(scope, id, {
    // NHS secure email (DCB1596) expects TLS in transit; SES then never falls back to plain SMTP.
    tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    reputationMetrics: true,
    sendingEnabled: true,
    suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });
  set.addEventDestination('Metrics', {
    destination: ses.EventDestination.cloudWatchDimensions([
      {
        name: CONFIGURATION_SET_DIMENSION,
        source: ses.CloudWatchDimensionSource.MESSAGE_TAG,
        defaultValue: 'none',
      },
    ]),
    events: [
      ses.EmailSendingEvent.SEND,
      ses.EmailSendingEvent.DELIVERY,
      ses.EmailSendingEvent.BOUNCE,
      ses.EmailSendingEvent.COMPLAINT,
      ses.EmailSendingEvent.REJECT,
      ses.EmailSendingEvent.RENDERING_FAILURE,
      ses.EmailSendingEvent.DELIVERY_DELAY,
    ],
  });
  return set;
}

function identityArn(stack: Stack, identity: string): string {
  return stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity });
}

function configurationSetArn(set: ses.ConfigurationSet): string {
  return Stack.of(set).formatArn({
    service: 'ses',
    resource: 'configuration-set',
    resourceName: set.configurationSetName,
  });
}
