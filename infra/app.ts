import { App } from 'aws-cdk-lib';
import { SocvalStack } from './socval-stack.ts';

// The only place that reads CDK context for the stack (CDK guide: configuration at the edge).
const app = new App();
new SocvalStack(app, 'Socval', {
  env: {
    account: app.node.tryGetContext('account') ?? '111111111111',
    region: app.node.tryGetContext('region') ?? 'eu-west-2',
  },
});
app.synth();
