import type { NsgRuleSpec, RequiredRules, Source, TopologyId } from '../planning/types';
import type { Box, Link, Scene, Status } from './scene';

export interface PlanDiagramInput {
  topology: TopologyId;
  title: string;
  source?: Source;
  dmsSubnet?: string;
  sourceRanges: string[];
  rules: RequiredRules;
}

export type LinkName = 'onprem' | 'peering' | 'sql' | 'mi';

/** What a verification found, drawn on the same layout; without it the diagram shows the plan. */
export interface DiagramFindings {
  links: Partial<Record<LinkName, Status>>;
  nsg?: Status;
  /** Rule ids (docs/contracts.md) whose flows do not pass; their lines are marked and the NSG drawn in red. */
  failedRules: Set<string>;
  /** One line per non-passing check, listed under the diagram. */
  notes: string[];
  /** What the routes do on a link when they do not simply deliver the flow ("no route", "via NVA"). */
  linkRoutes?: Partial<Record<LinkName, string>>;
}

export const DIAGRAM_WIDTH = 1000;
export const ON_PREM_TOPOLOGIES: readonly TopologyId[] = ['hybrid', 'mi-isolated'];
export const PEERED_TOPOLOGIES: readonly TopologyId[] = ['mi-isolated', 'cloud-isolated-vnet'];
const MAX_NOTES = 8;

function ruleLine(rule: NsgRuleSpec, failed: boolean): string {
  const peer = rule.direction === 'Inbound' ? `from ${rule.source}` : `to ${rule.destination}`;
  const ports = rule.ports.join(',') === '*' ? 'any port' : `${rule.ports.join(',')}/${rule.protocol.toUpperCase()}`;
  return `${failed ? '✗ ' : ''}${rule.direction === 'Inbound' ? 'In' : 'Out'} ${rule.priority} ${rule.name}: ${ports} ${peer}`;
}

function sourceBox(input: PlanDiagramInput, onPrem: boolean): Box {
  const ranges = input.sourceRanges.length > 0 ? input.sourceRanges : ['address space not given yet'];
  const shown = [...ranges.slice(0, 3), ...(ranges.length > 3 ? [`+${ranges.length - 3} more`] : [])];
  if (onPrem) {
    const title = input.source === 'other-cloud' ? 'Other cloud network' : 'On-premises network';
    return {
      id: 'source',
      x: 16,
      y: 60,
      w: 190,
      h: 110,
      kind: 'source',
      title,
      lines: ['SQL Server (source)', ...shown],
    };
  }
  return {
    id: 'source',
    x: 36,
    y: 90,
    w: 190,
    h: 80,
    kind: 'subnet',
    title: 'Source VM subnet',
    lines: ['SQL Server on an Azure VM', ...shown.slice(0, 2)],
  };
}

/** The planned network drawn with the team's own parameters, or the verified one with its findings. */
export function topologyScene(input: PlanDiagramInput, findings?: DiagramFindings): Scene {
  const onPrem = ON_PREM_TOPOLOGIES.includes(input.topology);
  const twoVnets = PEERED_TOPOLOGIES.includes(input.topology);
  const linkStatus = (name: LinkName): Status => findings?.links[name] ?? 'neutral';
  const linkLabel = (name: LinkName, text: string) => {
    // A route that does not deliver the flow says so instead of the ports (the notes under the diagram say more).
    const label = findings?.linkRoutes?.[name] ?? text;
    return linkStatus(name) === 'fail' ? `${label} ✗` : label;
  };

  const boxes: Box[] = [];
  const links: Link[] = [];
  const dmsX = onPrem ? 520 : 330;
  const dms: Box = {
    id: 'dms',
    x: dmsX,
    y: 90,
    w: 170,
    h: 80,
    kind: 'subnet',
    title: 'DMS subnet',
    lines: [input.dmsSubnet ?? 'CIDR not given yet'],
  };
  const mi: Box = {
    id: 'mi',
    x: 794,
    y: 90,
    w: 170,
    h: 80,
    kind: 'subnet',
    title: 'MI subnet',
    lines: ['delegated to', 'Microsoft.Sql/', 'managedInstances'],
  };

  if (onPrem) {
    boxes.push(sourceBox(input, true), {
      id: 'gateway',
      x: 282,
      y: 95,
      w: 156,
      h: 50,
      kind: 'gateway',
      title: 'VNet gateway',
      lines: ['ExpressRoute or VPN'],
      status: findings?.links.onprem,
    });
  }
  if (twoVnets) {
    const dmsVnetX = onPrem ? 500 : 16;
    boxes.push(
      {
        id: 'dms-vnet',
        x: dmsVnetX,
        y: 50,
        w: 710 - dmsVnetX,
        h: 140,
        kind: 'network',
        title: 'DMS virtual network',
        lines: [],
      },
      { id: 'mi-vnet', x: 774, y: 50, w: 210, h: 140, kind: 'network', title: 'MI virtual network', lines: [] },
    );
    links.push({
      from: 'dms-vnet',
      to: 'mi-vnet',
      label: linkLabel('peering', 'peering'),
      status: linkStatus('peering'),
      dashed: true,
      atY: 180,
    });
  } else {
    const vnetX = onPrem ? 500 : 16;
    boxes.push({
      id: 'vnet',
      x: vnetX,
      y: 50,
      w: 984 - vnetX,
      h: 140,
      kind: 'network',
      title: 'Virtual network (MI and DMS)',
      lines: [],
    });
  }
  if (!onPrem) boxes.push(sourceBox(input, false));
  boxes.push(dms, mi);

  const sqlPorts = input.rules.outbound.find((r) => r.id === 'sql-source')?.ports.join(',') ?? '1433';
  if (onPrem) {
    links.push({
      from: 'source',
      to: 'gateway',
      label: linkLabel('onprem', 'S2S VPN / ER'),
      status: linkStatus('onprem'),
    });
    links.push({
      from: 'gateway',
      to: 'dms',
      label: linkLabel('sql', `SQL ${sqlPorts}/TCP`),
      status: linkStatus('sql'),
    });
  } else {
    links.push({
      from: 'dms',
      to: 'source',
      label: linkLabel('sql', `SQL ${sqlPorts}/TCP`),
      status: linkStatus('sql'),
    });
  }
  links.push({ from: 'dms', to: 'mi', label: linkLabel('mi', 'TDS 1433'), status: linkStatus('mi') });

  const rules = [...input.rules.inbound, ...input.rules.outbound];
  const failed = findings?.failedRules ?? new Set<string>();
  const nsgLines = rules.map((r) => ruleLine(r, failed.has(r.id)));
  const nsg: Box = {
    id: 'nsg',
    x: 16,
    y: 230,
    w: 968,
    h: 34 + nsgLines.length * 15,
    kind: 'nsg',
    title: `NSG on the DMS subnet (${input.rules.ruleset} rule set)`,
    lines: nsgLines,
    status: findings?.nsg,
  };
  boxes.push(nsg);
  links.push({ from: 'nsg', to: 'dms', label: 'applies to', status: findings?.nsg ?? 'neutral', dashed: true });

  const notes = findings ? findings.notes.slice(0, MAX_NOTES) : [];
  if (findings && findings.notes.length > MAX_NOTES)
    notes.push(`… and ${findings.notes.length - MAX_NOTES} more in the checks`);
  const notesTop = nsg.y + nsg.h + 24;
  if (notes.length > 0) {
    boxes.push({
      id: 'notes',
      x: 16,
      y: notesTop,
      w: 968,
      h: 34 + notes.length * 15,
      kind: 'source',
      title: 'What blocks the migration',
      lines: notes,
      status: 'fail',
    });
  }
  const bottom = notes.length > 0 ? notesTop + 34 + notes.length * 15 : nsg.y + nsg.h;
  return {
    width: DIAGRAM_WIDTH,
    height: bottom + 36,
    title: input.title,
    boxes,
    links,
    legend: findings
      ? 'Red: failing link or rule. Amber: warning. Green: passing.'
      : 'Planned network with your parameters. Arrows: the flows the NSG must allow.',
  };
}
