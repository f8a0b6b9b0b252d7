import { describe, expect, it } from 'vitest';
import {
  actionsOf,
  exampleTemplate,
  type PolicyStatementJson,
  resourcesOf,
  statementsOfRole,
} from './synth.ts';

/** Each function role's allowed actions, pinned: a new grant fails here and must be argued for. */
const PINNED: Record<string, string[]> = {
  FunctionsIngestRole: [
    'kms:Decrypt',
    'kms:GenerateDataKey',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    's3:AbortMultipartUpload',
    's3:DeleteObject',
    's3:GetObject',
    's3:GetObjectVersion',
    's3:ListBucket',
    's3:PutObject',
    'ses:SendEmail',
    'ses:SendRawEmail',
    'sqs:SendMessage',
  ],
  FunctionsReportRole: [
    'kms:Decrypt',
    'kms:GenerateDataKey',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    's3:AbortMultipartUpload',
    's3:GetObject',
    's3:GetObjectVersion',
    's3:ListBucket',
    's3:PutObject',
    'ses:SendEmail',
    'ses:SendRawEmail',
    'sqs:SendMessage',
  ],
};

/**
 * `*` resources AWS requires: these actions have no resource type (IAM cannot scope them), and each is
 * narrowed another way (a condition) or only lists names.
 */
const STAR_RESOURCE_ACTIONS: Record<string, string[]> = {
  AuditorsRole: [
    'athena:ListDataCatalogs',
    'athena:ListEngineVersions',
    'athena:ListWorkGroups',
    's3:ListAllMyBuckets',
  ],
  UploadersRole: ['s3:ListAllMyBuckets'],
  ReportScheduleDeadlineMarkerRole: ['cloudwatch:PutMetricData'],
};

const allows = (statements: PolicyStatementJson[]) => statements.filter((s) => s.Effect === 'Allow');
const onArchive = (statements: PolicyStatementJson[]) =>
  allows(statements).filter((s) => JSON.stringify(s.Resource).includes('ArchiveBucket'));

describe('least privilege, role by role', () => {
  it.each(Object.entries(PINNED))('%s is allowed exactly its pinned actions', (role, actions) => {
    const granted = [...new Set(allows(statementsOfRole(exampleTemplate(), role)).flatMap(actionsOf))].sort();
    expect(granted).toEqual(actions);
  });

  it('grants no wildcard action and no `*` resource to any role, except where AWS has no resource to name', () => {
    const roles = Object.keys(exampleTemplate().findResources('AWS::IAM::Role')).map((id) =>
      id.replace(/[0-9A-F]{8}$/, ''),
    );
    expect(roles.length).toBeGreaterThanOrEqual(6);
    for (const role of roles) {
      for (const statement of allows(statementsOfRole(exampleTemplate(), role))) {
        for (const action of actionsOf(statement))
          expect(action, `${role} ${action}`).not.toMatch(/^\*$|:\*$/);
        if (resourcesOf(statement).includes('*')) {
          expect(STAR_RESOURCE_ACTIONS[role], `${role} ${statement.Sid}`).toEqual(
            expect.arrayContaining(actionsOf(statement)),
          );
        }
      }
    }
  });

  it('puts the deadline marker, the one `*` write, only into its own namespace', () => {
    const [marker] = statementsOfRole(exampleTemplate(), 'ReportScheduleDeadlineMarkerRole').filter((s) =>
      actionsOf(s).includes('cloudwatch:PutMetricData'),
    );
    expect(marker?.Condition).toBeDefined();
  });

  it('the ingest role cannot delete, change retention of, or bypass the lock on archive objects', () => {
    const actions = onArchive(statementsOfRole(exampleTemplate(), 'FunctionsIngestRole')).flatMap(actionsOf);
    expect(
      actions.filter((a) => /Delete|Retention|LegalHold|Bypass|PutBucket|Lifecycle|Replicat/.test(a)),
    ).toEqual([]);
    // PutObject on a versioned, Object Lock bucket adds a version; the earlier one is kept for the retention.
    expect(actions.filter((a) => a.startsWith('s3:Put'))).toEqual(['s3:PutObject']);
  });

  it('the report role cannot write under raw/, quarantine/, curated/ or the upload manifests; of manifests/, only current.json', () => {
    const writes = onArchive(statementsOfRole(exampleTemplate(), 'FunctionsReportRole')).filter((s) =>
      actionsOf(s).some((a) => /Put|Delete|Abort/.test(a)),
    );
    const paths = writes.flatMap(resourcesOf).map((r) => JSON.stringify(r).match(/"\/([^"]*)"\]\]/)?.[1]);
    expect(paths).toContain('reports/*');
    // The latest view of which uploads count, written by each report run: that key exactly, not a prefix.
    expect(paths).toContain('manifests/current.json');
    for (const path of paths) {
      expect(path).toBeDefined();
      // Upload manifests are the ingest's; the report may only add its own beside them.
      expect(path).not.toMatch(
        /^(raw|quarantine|curated)\/|^manifests\/\*$|^manifests\/(uploads|reference|problems)\//,
      );
    }
  });

  it('the ingest role cannot write current.json: the report run writes it', () => {
    const writes = onArchive(statementsOfRole(exampleTemplate(), 'FunctionsIngestRole')).filter((s) =>
      actionsOf(s).some((a) => /Put|Delete|Abort/.test(a)),
    );
    const paths = writes.flatMap(resourcesOf).map((r) => JSON.stringify(r).match(/"\/([^"]*)"\]\]/)?.[1]);
    expect(paths).toContain('manifests/uploads/*');
    for (const path of paths) {
      expect(path).toBeDefined();
      expect('manifests/current.json'.startsWith((path ?? '').replace(/\*$/, ''))).toBe(false);
    }
  });

  it('the ingest writes curated objects and the report reads them only under curated/ledger/ and curated/suppliers/', () => {
    const curatedPaths = (role: string, action: RegExp) =>
      onArchive(statementsOfRole(exampleTemplate(), role))
        .filter((s) => actionsOf(s).some((a) => action.test(a)))
        .flatMap(resourcesOf)
        .map((r) => JSON.stringify(r).match(/"\/([^"]*)"\]\]/)?.[1])
        .filter((path) => path?.startsWith('curated'))
        .sort();
    const exactly = ['curated/ledger/*', 'curated/suppliers/*'];
    expect(curatedPaths('FunctionsIngestRole', /^s3:PutObject$/)).toEqual(exactly);
    expect(curatedPaths('FunctionsReportRole', /^s3:GetObject$/)).toEqual(exactly);
    expect(curatedPaths('FunctionsReportRole', /Put|Delete|Abort/)).toEqual([]);
  });

  it('the auditor role only reads the archive: every allowed archive action is a Get or a List', () => {
    const statements = statementsOfRole(exampleTemplate(), 'AuditorsRole');
    const actions = onArchive(statements).flatMap(actionsOf);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/^s3:(Get|List)/);
    // Its one write is its own Athena results, in another bucket.
    const writes = allows(statements).filter((s) => actionsOf(s).some((a) => /Put|Delete/.test(a)));
    expect(writes.flatMap(resourcesOf)).toEqual([
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['QueryResultsBucket', 'Arn'] }, '/athena/*']] },
    ]);
  });
});
