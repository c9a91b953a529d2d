import { ParameterError, validateCurrentDmsPlanOptions, validateCurrentDmsRuleParameters } from '../../src/planning';
import { parameterLine, parameterLines } from '../../src/cli/wording';

describe('the CLI words the core problems with its flags', () => {
  it('names the flag of a classic parameter', () => {
    const error = new ParameterError(
      'dmsSubnet',
      '10.0.0.300/24',
      "'10.0.0.300/24' is not an IPv4 CIDR",
      'not-ipv4-cidr',
    );
    expect(parameterLine(error)).toBe("--dms-subnet: '10.0.0.300/24' is not an IPv4 CIDR");
  });

  it('names the flags of the current DMS, every bad one in one line', () => {
    const result = validateCurrentDmsRuleParameters({ backups: 'tape', shareRanges: 'share', runtimeNodes: 5 });
    expect(result.ok ? '' : parameterLines(result.errors)).toBe(
      "--backups: 'tape' is not a backup location: use smb or blob; " +
        "--share-range: 'share' is not an IPv4 CIDR such as 10.0.1.0/24; " +
        "--runtime-nodes: '5' is not a number of runtime nodes from 1 to 4",
    );
  });

  it('a conflict names both flags', () => {
    const result = validateCurrentDmsPlanOptions({ sourceVersion: '2014', backups: 'smb' });
    expect(result.ok ? '' : parameterLine(result.errors[0])).toMatch(
      /^--source-version 2014 needs --backups blob, not --backups smb: SQL Server 2014 cannot use backups on an SMB share/,
    );
  });
});
