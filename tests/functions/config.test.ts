import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_EMAIL_BYTES, FunctionConfigError, parseFunctionConfig } from '../../functions/config.ts';

const ENV = {
  LANDING_BUCKET: 'kvft-landing',
  ARCHIVE_BUCKET: 'kvft-archive',
  SENDER: 'Social value reports <socval@kvft.nhs.uk>',
  BOARD_RECIPIENTS: 'board@kvft.nhs.uk, chair@kvft.nhs.uk',
  FINANCE_ADDRESS: 'ap-team@kvft.nhs.uk',
  TRUST_NAME: 'Kent Valley NHS Foundation Trust',
};

describe('the functions’ configuration', () => {
  it('reads the environment the stack sets, with the report settings’ defaults', () => {
    const config = parseFunctionConfig(ENV);
    expect(config).toEqual({
      landingBucket: 'kvft-landing',
      archiveBucket: 'kvft-archive',
      sender: 'Social value reports <socval@kvft.nhs.uk>',
      boardRecipients: ['board@kvft.nhs.uk', 'chair@kvft.nhs.uk'],
      financeAddresses: ['ap-team@kvft.nhs.uk'],
      trustName: 'Kent Valley NHS Foundation Trust',
      maxEmailBytes: DEFAULT_MAX_EMAIL_BYTES,
      s3ForcePathStyle: false,
      codeVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      settings: {
        trustName: 'Kent Valley NHS Foundation Trust',
        locality: 'kent-and-medway',
        smeDefinition: 'procurement-act-2023',
        eurToGbp: 0.85,
        firstFinancialYear: '2022/23',
        maxBadShare: 0.05,
        brandColour: '#005EB8',
        chartColours: '#005EB8,#FFB81C,#330072',
        cooperativesAreVcse: false,
      },
    });
  });

  it('maps the report settings from their variables', () => {
    const config = parseFunctionConfig({
      ...ENV,
      SME_DEFINITION: 'eu-2003-361',
      EUR_TO_GBP: '0.86',
      FIRST_FINANCIAL_YEAR: '2023/24',
      MAX_BAD_SHARE: '0.1',
      DATE_ORDER: 'MDY',
      MAX_EMAIL_BYTES: '40000000',
      SES_CONFIGURATION_SET: 'socval',
      S3_FORCE_PATH_STYLE: 'true',
      CODE_VERSION: 'abc1234',
    });
    expect(config.settings).toMatchObject({
      smeDefinition: 'eu-2003-361',
      eurToGbp: 0.86,
      firstFinancialYear: '2023/24',
      maxBadShare: 0.1,
      dateOrder: 'MDY',
    });
    expect(config).toMatchObject({
      maxEmailBytes: 40_000_000,
      sesConfigurationSet: 'socval',
      s3ForcePathStyle: true,
      codeVersion: expect.stringMatching(/\+abc1234$/),
    });
  });

  it('names every variable that is missing or wrong, and what it holds', () => {
    const { LANDING_BUCKET: _, ...withoutLanding } = ENV;
    const attempt = () =>
      parseFunctionConfig({ ...withoutLanding, BOARD_RECIPIENTS: 'board at kvft', MAX_EMAIL_BYTES: 'lots' });
    expect(attempt).toThrow(FunctionConfigError);
    expect(attempt).toThrow(/LANDING_BUCKET: is not set/);
    expect(attempt).toThrow(/BOARD_RECIPIENTS: "board at kvft": write an email address/);
    expect(attempt).toThrow(/MAX_EMAIL_BYTES: "lots"/);
  });

  it('names the variable behind a bad report setting', () => {
    expect(() => parseFunctionConfig({ ...ENV, FIRST_FINANCIAL_YEAR: '2023' })).toThrow(
      /FIRST_FINANCIAL_YEAR: "2023": write the first financial year like 2022\/23/,
    );
    expect(() => parseFunctionConfig({ ...ENV, SME_DEFINITION: 'small' })).toThrow(/SME_DEFINITION: "small"/);
  });

  it('counts co-operatives as VCSE only when COOPERATIVES_ARE_VCSE says so', () => {
    expect(parseFunctionConfig(ENV).settings.cooperativesAreVcse).toBe(false);
    expect(parseFunctionConfig({ ...ENV, COOPERATIVES_ARE_VCSE: 'true' }).settings.cooperativesAreVcse).toBe(
      true,
    );
    expect(parseFunctionConfig({ ...ENV, COOPERATIVES_ARE_VCSE: '0' }).settings.cooperativesAreVcse).toBe(
      false,
    );
    expect(() => parseFunctionConfig({ ...ENV, COOPERATIVES_ARE_VCSE: 'yes please' })).toThrow(
      /COOPERATIVES_ARE_VCSE: "yes please"/,
    );
  });
});
