import { parse } from 'shell-quote';
import {
  DEFAULT_CURRENT_DMS_RULE_PARAMETERS,
  CURRENT_DMS_DESTINATIONS,
  CURRENT_DMS_NOTES,
  CURRENT_DMS_REQUIREMENT_IDS,
  CURRENT_DMS_RULE_IDS,
  SHIR_TOPOLOGY_ID,
  TOPOLOGY_IDS,
  recommendCurrentDms,
  renderCurrentDmsRules,
  currentDmsNsgRules,
  currentDmsRules,
  toFirewallChecklist,
  validateCurrentDmsPlanOptions,
  validateCurrentDmsRuleParameters,
  type BackupLocation,
  type CurrentDmsRuleParameters,
} from '../../src/planning';

describe('recommendCurrentDms: backups × private endpoint', () => {
  const storage = ['storage-key-access', 'storage-identity'];
  const cases: [BackupLocation, boolean, string[]][] = [
    [
      'smb',
      false,
      [
        'shir-host',
        'shir-outbound',
        'shir-source-access',
        'shir-limits',
        'same-region',
        'storage-network-access',
        ...storage,
        'shir-upload-path',
      ],
    ],
    [
      'smb',
      true,
      [
        'shir-host',
        'shir-outbound',
        'shir-source-access',
        'shir-limits',
        'same-region',
        'storage-network-access',
        'storage-private-dns',
        ...storage,
        'shir-upload-path',
      ],
    ],
    ['blob', false, ['backups-in-blob', 'same-region', 'storage-network-access', ...storage]],
    ['blob', true, ['backups-in-blob', 'same-region', 'storage-network-access', 'storage-private-dns', ...storage]],
  ];

  it.each(cases)('backups %s, private endpoint %s → requirements %j', (backups, storagePrivateEndpoint, ids) => {
    const rec = recommendCurrentDms({ backups, storagePrivateEndpoint });
    expect(rec.topology).toBe(SHIR_TOPOLOGY_ID);
    expect(rec.requirements.map((r) => r.id)).toEqual(ids);
    for (const r of rec.requirements) {
      expect(CURRENT_DMS_REQUIREMENT_IDS).toContain(r.id);
      expect(r.links.length).toBeGreaterThan(0);
      for (const l of r.links) expect(l.url).toMatch(/^https:\/\/learn\.microsoft\.com\/(azure|data-migration)\//);
    }
    expect(rec.reasons).toHaveLength(3);
    expect(rec.reasons[0]).toMatch(/retired on 2026-03-15/);
    expect(rec.reasons[1]).toMatch(backups === 'smb' ? /SMB share/ : /already in Azure Blob Storage/);
    expect(rec.reasons[2]).toMatch(storagePrivateEndpoint ? /private endpoint/ : /firewall/);
    const access = rec.requirements.find((r) => r.id === 'storage-network-access')!.text;
    expect(access).toMatch(storagePrivateEndpoint ? /own virtual network/ : /Microsoft\.Storage service endpoint/);
  });

  it('the upload path follows where the runtime runs', () => {
    const upload = (runtimeHost: 'onprem' | 'azure-vm') =>
      recommendCurrentDms({ backups: 'smb', storagePrivateEndpoint: false, runtimeHost }).requirements.find(
        (r) => r.id === 'shir-upload-path',
      )!.text;
    expect(upload('onprem')).toMatch(/IP rule for the public IP the runtime machine leaves from/);
    expect(upload('onprem')).toMatch(/VPN or ExpressRoute private peering, with on-premises DNS forwarding/);
    expect(upload('azure-vm')).toMatch(/IP rules do not apply to requests from the same Azure region/);
    expect(upload('azure-vm')).toMatch(/virtual network rule for the VM's subnet with the Microsoft\.Storage service/);
  });

  it('storage auth: SAS by default, the managed identity route names the portal and Storage Blob Data Reader', () => {
    const identity = (storageAuth?: 'sas' | 'managed-identity') =>
      recommendCurrentDms({ backups: 'blob', storagePrivateEndpoint: false, storageAuth }).requirements.find(
        (r) => r.id === 'storage-identity',
      )!.text;
    expect(identity()).toMatch(/SAS token \(Read and List\) by default/);
    expect(identity('managed-identity')).toMatch(/Storage Blob Data Reader/);
    expect(identity('managed-identity')).toMatch(/Azure portal only/);
  });

  it.each(['2012', '2014'] as const)('a SQL Server %s source adds the page-blob requirement', (sourceVersion) => {
    const ids = recommendCurrentDms({ backups: 'blob', storagePrivateEndpoint: false, sourceVersion }).requirements;
    const page = ids.find((r) => r.id === 'backups-page-blobs');
    expect(page?.text).toMatch(new RegExp(`SQL Server ${sourceVersion} source: .*page blobs`));
    expect(
      recommendCurrentDms({ backups: 'blob', storagePrivateEndpoint: false, sourceVersion: '2016' }).requirements.map(
        (r) => r.id,
      ),
    ).not.toContain('backups-page-blobs');
  });

  it('shir is not one of the four classic topology ids', () => {
    expect(TOPOLOGY_IDS as readonly string[]).not.toContain(SHIR_TOPOLOGY_ID);
  });

  it('states the documented facts: outbound names, 445, runtime limits', () => {
    const text = recommendCurrentDms({ backups: 'smb', storagePrivateEndpoint: true })
      .requirements.map((r) => r.text)
      .join('\n');
    for (const name of [
      '*.frontend.clouddatahub.net',
      '*.core.windows.net',
      'download.microsoft.com',
      'privatelink.blob.core.windows.net',
    ])
      expect(text).toContain(name);
    expect(text).toMatch(/TCP 445/);
    expect(text).toMatch(/one self-hosted integration runtime per DMS/);
    expect(text).toMatch(/one runtime installation per machine/);
    expect(text).toMatch(/up to four/);
    expect(text).toMatch(/Storage Blob Data Reader/);
  });

  it('states the runtime host requirements of the current docs', () => {
    const text = recommendCurrentDms({ backups: 'smb', storagePrivateEndpoint: false })
      .requirements.map((r) => r.text)
      .join('\n');
    expect(text).toMatch(/\*\.servicebus\.windows\.net \(Azure Relay.*Limited.*AzureCloud or Internet/);
    expect(text).toMatch(/TCP 8060/);
    expect(text).toMatch(/bypass list/);
    expect(text).toMatch(/not on a domain controller/);
    expect(text).toMatch(/not on\s+the machine that hosts the SMB backup share \(runtime 5\.28\.8488 .*error\s+2049\)/);
    expect(text).toMatch(/64-bit Windows machine with \.NET Framework 4\.7\.2 or later/);
    expect(text).toMatch(/Allow storage account key access/);
    expect(text).toMatch(/Microsoft\.Storage\.Global/);
  });
});

describe('currentDmsRules', () => {
  const P = DEFAULT_CURRENT_DMS_RULE_PARAMETERS;
  const cases: [string, CurrentDmsRuleParameters, string[]][] = [
    [
      'smb defaults',
      P,
      ['shir-data-factory', 'shir-storage', 'shir-updates', 'shir-relay', 'shir-sql-source', 'shir-smb-share'],
    ],
    [
      'named instance',
      { ...P, namedInstance: true },
      [
        'shir-data-factory',
        'shir-storage',
        'shir-updates',
        'shir-relay',
        'shir-sql-source',
        'shir-sql-browser',
        'shir-smb-share',
      ],
    ],
    [
      'auto-update off',
      { ...P, autoUpdate: false },
      ['shir-data-factory', 'shir-storage', 'shir-relay', 'shir-sql-source', 'shir-smb-share'],
    ],
    ['backups in blob', { ...P, backups: 'blob' }, ['backup-upload']],
  ];

  it.each(cases)('%s', (_name, params, ids) => {
    const rules = currentDmsRules(params);
    expect(rules.inbound).toEqual([]);
    expect(rules.outbound.map((r) => r.id)).toEqual(ids);
    const priorities = rules.outbound.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    expect(new Set(priorities).size).toBe(priorities.length);
    for (const r of rules.outbound) {
      expect(CURRENT_DMS_RULE_IDS).toContain(r.id);
      expect(r.direction).toBe('Outbound');
      expect(r.access).toBe('Allow');
    }
    expect(rules.notes.includes(CURRENT_DMS_NOTES.autoUpdateOff)).toBe(params.autoUpdate === false);
  });

  it('destinations are the documented names and ports', () => {
    const byId = Object.fromEntries(currentDmsRules({ ...P, sqlPort: 50000 }).outbound.map((r) => [r.id, r]));
    expect(byId['shir-data-factory']).toMatchObject({
      destination: CURRENT_DMS_DESTINATIONS.dataFactory,
      ports: ['443'],
      protocol: 'Tcp',
    });
    expect(byId['shir-storage']).toMatchObject({ destination: '*.core.windows.net', ports: ['443'] });
    expect(byId['shir-updates']).toMatchObject({ destination: 'download.microsoft.com', ports: ['443'] });
    expect(byId['shir-relay']).toMatchObject({ destination: '*.servicebus.windows.net', ports: ['443'] });
    expect(byId['shir-sql-source']).toMatchObject({ ports: ['50000'], protocol: 'Tcp' });
    expect(byId['shir-smb-share']).toMatchObject({ ports: ['445'], protocol: 'Tcp' });
  });

  it('a multi-node runtime gets inbound TCP 8060 from its other nodes; a single node none', () => {
    expect(currentDmsRules({ ...P, runtimeNodes: 1 }).inbound).toEqual([]);
    expect(currentDmsRules(P).notes).toContain(CURRENT_DMS_NOTES.outboundOnly);
    const rules = currentDmsRules({ ...P, runtimeNodes: 3 });
    expect(rules.inbound).toEqual([
      expect.objectContaining({
        id: 'shir-node-sync',
        direction: 'Inbound',
        protocol: 'Tcp',
        ports: ['8060'],
        source: 'Other nodes of the runtime',
      }),
    ]);
    expect(rules.notes).toContain(CURRENT_DMS_NOTES.nodes);
    expect(rules.notes).not.toContain(CURRENT_DMS_NOTES.outboundOnly);
    const checklist = toFirewallChecklist(rules);
    expect(checklist).toMatch(/Inbound on each runtime node\n\n\[ \] TCP 8060\s+from Other nodes of the runtime/);
    const nsg = currentDmsNsgRules({ ...P, runtimeNodes: 2 });
    expect(nsg.inbound).toEqual([
      expect.objectContaining({ source: '<runtime-node-addresses>', destination: '*', ports: ['8060'] }),
    ]);
    expect(currentDmsRules({ ...P, backups: 'blob', runtimeNodes: 3 }).inbound).toEqual([]);
  });

  it('given source and share ranges replace the placeholders', () => {
    const rules = currentDmsRules({ ...P, sourceRanges: ['192.168.1.0/24'], shareRanges: ['192.168.2.10/32'] });
    expect(rules.outbound.find((r) => r.id === 'shir-sql-source')!.destination).toBe('192.168.1.0/24');
    expect(rules.outbound.find((r) => r.id === 'shir-smb-share')!.destination).toBe('192.168.2.10/32');
  });
});

describe('NSG view for a runtime on an Azure VM', () => {
  it('uses service tags where Azure has one and Internet for download.microsoft.com', () => {
    const nsg = currentDmsNsgRules({ ...DEFAULT_CURRENT_DMS_RULE_PARAMETERS, namedInstance: true });
    expect(nsg.inbound).toEqual([]);
    expect(nsg.outbound.map((r) => [r.name, r.destination])).toEqual([
      ['SHIR-Data Factory endpoints', 'DataFactoryManagement'],
      ['SHIR-Azure Storage', 'Storage'],
      ['SHIR-Runtime updates', 'Internet'],
      ['SHIR-Azure Relay', 'AzureCloud'],
      ['SHIR-SQL Source server', 'On-premises address space'],
      ['SHIR-SQL Server named instance', 'On-premises address space'],
      ['SHIR-SMB share', '<smb-share-address>'],
    ]);
    expect(nsg.outbound.find((r) => r.destination === 'Internet')!.note).toMatch(
      /download\.microsoft\.com has no service tag/,
    );
    expect(nsg.outbound.find((r) => r.destination === 'AzureCloud')!.note).toMatch(
      /\*\.servicebus\.windows\.net has no service tag/,
    );
    expect(nsg.notes).toContain(CURRENT_DMS_NOTES.nsgNames);
    expect(nsg.outbound.every((r) => r.source === '*')).toBe(true);
  });

  it('azcli: one parseable az command per rule, with the SHIR header', () => {
    const text = renderCurrentDmsRules(DEFAULT_CURRENT_DMS_RULE_PARAMETERS, 'azcli', {
      resourceGroup: 'rg-shir',
      nsgName: 'nsg-shir',
    });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^# NSG rules for the Azure VM running the self-hosted integration runtime\./);
    const commands = lines.filter((l) => !l.startsWith('#'));
    expect(commands).toHaveLength(6);
    for (const line of commands) {
      const args = parse(line).map((t) => (typeof t === 'string' ? t : 'pattern' in t ? t.pattern : '?'));
      expect(args.slice(0, 5)).toEqual(['az', 'network', 'nsg', 'rule', 'create']);
      expect(args[args.indexOf('--direction') + 1]).toBe('Outbound');
      expect(args[args.indexOf('--nsg-name') + 1]).toBe('nsg-shir');
    }
    expect(text).toContain('--destination-address-prefixes DataFactoryManagement');
    expect(text).toMatch(/--destination-address-prefixes Internet --destination-port-ranges 443/);
  });

  it('bicep and table reuse the classic exporters', () => {
    const bicep = renderCurrentDmsRules(DEFAULT_CURRENT_DMS_RULE_PARAMETERS, 'bicep');
    expect(bicep.startsWith('securityRules: [')).toBe(true);
    expect(bicep).toContain("destinationAddressPrefix: 'DataFactoryManagement'");
    expect(bicep).toContain("direction: 'Outbound'");
    const table = renderCurrentDmsRules(DEFAULT_CURRENT_DMS_RULE_PARAMETERS, 'table');
    expect(table).toMatch(/^NSG rules for a self-hosted integration runtime on an Azure VM/);
    expect(table).toMatch(/Outbound security rules/);
  });

  it('firewall checklist: one box per rule with its names, then the notes; json round-trips', () => {
    const rules = currentDmsRules(DEFAULT_CURRENT_DMS_RULE_PARAMETERS);
    const text = toFirewallChecklist(rules);
    const boxes = text.split('\n').filter((l) => l.startsWith('[ ] '));
    expect(boxes).toHaveLength(rules.outbound.length);
    expect(boxes[0]).toMatch(/^\[ \] TCP 443\s+to \*\.frontend\.clouddatahub\.net/);
    expect(text).toContain(CURRENT_DMS_NOTES.limited);
    expect(text).toContain(CURRENT_DMS_NOTES.proxy);
    expect(renderCurrentDmsRules(DEFAULT_CURRENT_DMS_RULE_PARAMETERS, 'firewall')).toBe(text);
    expect(JSON.parse(renderCurrentDmsRules(DEFAULT_CURRENT_DMS_RULE_PARAMETERS, 'json'))).toEqual(
      JSON.parse(JSON.stringify(rules)),
    );
  });
});

describe('validateCurrentDmsRuleParameters', () => {
  it('fills every field from raw input, defaults for the rest', () => {
    expect(validateCurrentDmsRuleParameters({})).toEqual({ ok: true, params: DEFAULT_CURRENT_DMS_RULE_PARAMETERS });
    expect(
      validateCurrentDmsRuleParameters({
        backups: 'BLOB',
        sourceRanges: ['192.168.1.0/24, 192.168.2.0/24'],
        shareRanges: '10.9.9.9/32',
        sqlPort: '50000',
        namedInstance: 'yes',
        autoUpdate: false,
      }),
    ).toEqual({
      ok: true,
      params: {
        backups: 'blob',
        sourceRanges: ['192.168.1.0/24', '192.168.2.0/24'],
        shareRanges: ['10.9.9.9/32'],
        sqlPort: 50000,
        namedInstance: true,
        autoUpdate: false,
        runtimeNodes: 1,
      },
    });
    expect(validateCurrentDmsRuleParameters({ runtimeNodes: '4' })).toEqual({
      ok: true,
      params: { ...DEFAULT_CURRENT_DMS_RULE_PARAMETERS, runtimeNodes: 4 },
    });
  });

  it('reports every bad field with its own flag', () => {
    const result = validateCurrentDmsRuleParameters({
      backups: 'tape',
      sourceRanges: '10.0.0.1/8',
      shareRanges: 'share',
      sqlPort: 70000,
      namedInstance: 'maybe',
      autoUpdate: 'sometimes',
      runtimeNodes: 5,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.field, e.kind, e.problem])).toEqual([
      ['backups', 'not-a-choice', "'tape' is not a backup location: use smb or blob"],
      ['sourceRanges', 'host-bits', "'10.0.0.1/8' has host bits set; the network is 10.0.0.0/8"],
      ['shareRanges', 'not-ipv4-cidr', "'share' is not an IPv4 CIDR such as 10.0.1.0/24"],
      ['sqlPort', 'not-port', "'70000' is not a port number from 1 to 65535"],
      ['namedInstance', 'not-yes-no', "'maybe' is not yes or no"],
      ['autoUpdate', 'not-yes-no', "'sometimes' is not yes or no"],
      ['runtimeNodes', 'out-of-range', "'5' is not a number of runtime nodes from 1 to 4"],
    ]);
  });
});

describe('validateCurrentDmsPlanOptions', () => {
  it('defaults, and each option read from raw input', () => {
    expect(validateCurrentDmsPlanOptions({})).toEqual({
      ok: true,
      options: { backups: 'smb', storagePrivateEndpoint: false, runtimeHost: 'onprem', storageAuth: 'sas' },
    });
    expect(
      validateCurrentDmsPlanOptions({
        backups: 'blob',
        storagePrivateEndpoint: 'yes',
        runtimeHost: 'AZURE-VM',
        storageAuth: 'managed-identity',
        sourceVersion: '2014',
      }),
    ).toEqual({
      ok: true,
      options: {
        backups: 'blob',
        storagePrivateEndpoint: true,
        runtimeHost: 'azure-vm',
        storageAuth: 'managed-identity',
        sourceVersion: '2014',
      },
    });
  });

  it.each([
    [
      { sourceVersion: '2014', backups: 'smb' },
      {
        field: 'sourceVersion',
        kind: 'conflict',
        value: '2014',
        conflict: { field: 'backups', value: 'smb', needs: 'blob' },
        problem: expect.stringMatching(/^SQL Server 2014 cannot use backups on an SMB share/),
      },
    ],
    [
      { sourceVersion: '2012', backups: 'SMB' },
      { field: 'sourceVersion', kind: 'conflict', conflict: { field: 'backups', value: 'smb', needs: 'blob' } },
    ],
    [
      { sourceVersion: '2000' },
      {
        field: 'sourceVersion',
        kind: 'not-a-choice',
        value: '2000',
        choices: expect.arrayContaining(['2008', '2025']),
        problem: expect.stringMatching(/^'2000' is not a SQL Server version: use 2008, 2012, .* or 2025$/),
      },
    ],
    [
      { runtimeHost: 'cloud' },
      { field: 'runtimeHost', problem: "'cloud' is not a runtime host: use onprem or azure-vm" },
    ],
    [
      { storageAuth: 'key' },
      { field: 'storageAuth', problem: "'key' is not a storage auth: use sas or managed-identity" },
    ],
  ])('%j is refused: %j', (raw, problem) => {
    const result = validateCurrentDmsPlanOptions(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject(problem);
  });

  it('a SQL Server 2012 or 2014 source without a backups choice gets blob backups', () => {
    expect(validateCurrentDmsPlanOptions({ sourceVersion: '2012' })).toMatchObject({
      ok: true,
      options: { backups: 'blob' },
    });
  });

  it.each(['2008', '2016', '2025'])('SQL Server %s may keep SMB backups', (sourceVersion) => {
    expect(validateCurrentDmsPlanOptions({ sourceVersion, backups: 'smb' }).ok).toBe(true);
  });
});
