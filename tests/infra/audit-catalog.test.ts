import { describe, expect, it } from 'vitest';
import { CURATED_COLUMN_TYPES } from '../../infra/audit-catalog.ts';
import { CURATED_COLUMNS, formatCuratedHeader } from '../../shared/curated/index.ts';
import { exampleTemplate, resourceNamed } from './synth.ts';

describe('the audit catalog', () => {
  const table = () => resourceNamed(exampleTemplate(), 'AWS::Glue::Table', 'CuratedLedgerTable').props;

  it('has the curated CSV’s columns, in the order the ingest writes them', () => {
    const columns = table().TableInput.StorageDescriptor.Columns as { Name: string; Type: string }[];
    expect(columns.map((column) => column.Name)).toEqual([...CURATED_COLUMNS]);
    expect(columns.map((column) => column.Name).join(',')).toBe(formatCuratedHeader());
    expect(Object.fromEntries(columns.map((column) => [column.Name, column.Type]))).toMatchObject({
      line: 'bigint',
      date: 'string',
      amount_pence: 'bigint',
      amount_gbp: 'string',
      redacted: 'boolean',
    });
    expect(Object.keys(CURATED_COLUMN_TYPES).sort()).toEqual([...CURATED_COLUMNS].sort());
  });

  it('reads curated/ledger/ of the archive as quoted, backslash-escaped CSV with a header line', () => {
    const input = table().TableInput;
    expect(input.StorageDescriptor.Location).toEqual({
      'Fn::Join': ['', ['s3://', { Ref: 'ArchiveBucket' }, '/curated/ledger/']],
    });
    expect(input.StorageDescriptor.SerdeInfo).toEqual({
      SerializationLibrary: 'org.apache.hadoop.hive.serde2.OpenCSVSerde',
      Parameters: { separatorChar: ',', quoteChar: '"', escapeChar: '\\' },
    });
    expect(input.Parameters).toMatchObject({ 'skip.header.line.count': '1', has_encrypted_data: true });
    expect(table().DatabaseName).toEqual({ Ref: 'AuditDatabase' });
  });

  it('forces every auditor query’s results, KMS-encrypted, into the results bucket, and caps each scan at 10 GB', () => {
    const { props } = resourceNamed(exampleTemplate(), 'AWS::Athena::WorkGroup', 'AuditCatalogWorkGroup');
    expect(props).toMatchObject({
      Name: 'Socval-audit',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: 'QueryResultsBucket' }, '/athena/']] },
          EncryptionConfiguration: {
            EncryptionOption: 'SSE_KMS',
            KmsKey: { 'Fn::GetAtt': ['QueryResultsKey', 'Arn'] },
          },
        },
      },
    });
  });
});
