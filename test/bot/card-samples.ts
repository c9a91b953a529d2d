import type { CardModels } from '../../src/bot/card-models';
import { COMMANDS } from '../../src/bot/help/command-catalog';
import { currentDmsPlanCardModel } from '../../src/bot/planning/current-dms-cards';
import { PLAN_CARD_SAMPLES } from './planning/plan-card-samples';
import { CHECKLIST_CARD_SAMPLES } from './checklist/checklist-card-samples';

const VERIFY_RESULT_SAMPLE: CardModels['verify-result'] = {
  title: 'Verification: 1 fail, 1 warn',
  titleColor: 'Attention',
  summary: '10 pass, 1 fail, 1 warn, 0 unknown',
  facts: [
    { title: 'Detected topology', value: 'Azure SQL Managed Instance configured for Hybrid workloads (hybrid)' },
    { title: 'Planned topology', value: 'none: no plan in this conversation' },
    { title: 'Managed instance', value: 'sqlmi-hybrid' },
  ],
  topologyReason: 'MI and DMS share VNet vnet-migration, which reaches on-premises',
  checks: [
    {
      icon: '❌',
      id: 'nsg-management-443',
      summary: 'DMS outbound TCP 443: denied by deny_internet_https (90) in NSG nsg-dms',
      evidence: ['TCP 443 to ServiceBus: all of it denied by deny_internet_https (90) in NSG nsg-dms'],
      moreEvidence: '… and 2 more',
      path: '',
      give: '',
      fix: 'az network nsg rule delete -g rg-migration --nsg-name nsg-dms -n deny_internet_https',
    },
    {
      icon: '❌',
      id: 'nsg-sql-source',
      summary: 'DMS outbound to the source SQL Server: no route: peering is not transitive',
      evidence: ['TCP 1433 to the source 10.100.0.4/32: route 10.0.0.0/8 → None (system route, reserved range)'],
      moreEvidence: '',
      path: '🚫 No route: 10.0.0.0/8 → None (system route): peering is not transitive',
      give: '',
      fix: 'az network vnet peering create -g rg-hubspoke --vnet-name spokeDevVnet -n spokeDevVnet-to-spokeProdVnet',
    },
    {
      icon: '✅',
      id: 'mi-subnet',
      summary: 'MI subnet is delegated',
      evidence: [],
      moreEvidence: '',
      path: '',
      give: '',
      fix: '',
    },
    {
      icon: '❔',
      id: 'nsg-sql-named-instance',
      summary:
        "DMS outbound UDP 1434: no source address to check: the source SQL Server's address or subnet is not given",
      evidence: ['no source range was given and VNet vnet-dms reaches no local network gateway with address prefixes'],
      moreEvidence: '',
      path: '',
      give: "Give the plan's source ranges (rules source-range=CIDR), then select Check again.",
      fix: "az vm list-ip-addresses -o table  # the source SQL Server VM's private IP is the source range",
    },
  ],
  note: '',
  again: {
    verb: 'verify.again',
    subscriptions: '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
    mi: '',
    dms: '',
    fresh: true,
  },
};

/**
 * Representative data for every template in cards/. The template test fails for a template without samples,
 * so a new card cannot skip the version, parse-warning and size checks.
 */
export const CARD_SAMPLES: { [K in keyof CardModels]: CardModels[K][] } = {
  help: [
    { title: 'Migration Network Advisor', intro: 'Commands:', commands: COMMANDS, localMode: true },
    { title: 'Welcome', intro: 'Try:', commands: COMMANDS, localMode: false },
  ],
  error: [
    {
      title: 'Something went wrong',
      message: 'Please try again.',
      correlationId: '5b0c3e1e-0000-4000-8000-000000000000',
    },
  ],
  'current-dms-plan': [
    currentDmsPlanCardModel({ backups: 'smb', storagePrivateEndpoint: false }),
    currentDmsPlanCardModel({ backups: 'blob', storagePrivateEndpoint: true }),
  ],
  hint: [{ text: 'I did not understand "xyz".', suggestion: 'Type help.' }],
  'verify-result': [
    VERIFY_RESULT_SAMPLE,
    {
      ...VERIFY_RESULT_SAMPLE,
      title: 'Verification: 1 fail, 1 warn (with its diagram)',
      diagram: {
        url: `https://bot.example.net/diagrams/${'b'.repeat(43)}.png`,
        altText: 'Diagram of the verified network',
      },
    },
    {
      ...VERIFY_RESULT_SAMPLE,
      title: 'Verification: 1 fail, 1 warn (with what the fixes leave and the script)',
      afterFixes: {
        headline: 'After the fixes (3 commands): 1 check still fails',
        color: 'Attention',
        remaining: ['❌ nsg-sql-source: a new site-to-site connection needs its shared key, which only you have'],
      },
      script: { verb: 'verify.script', verification: 'c'.repeat(22) },
    },
  ],
  'verify-checking': [{ title: 'Checking subscription 6f1e2d3c-…', detail: 'The result will replace this message.' }],
  'verify-error': [
    {
      title: 'The bot may not read this network (403)',
      message: 'Reader on subscription 6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f is needed to list virtual networks.',
      fix: 'az role assignment create --assignee <object id> --role Reader --scope /subscriptions/6f1e2d3c',
      candidates: [],
      correlationId: '5b0c3e1e-0000-4000-8000-000000000000',
    },
    {
      title: 'Several managed instances',
      message: 'Name one with mi=NAME.',
      fix: '',
      candidates: [
        {
          title: 'mi=sqlmi-a',
          data: { verb: 'verify.again', subscriptions: 'x', mi: 'sqlmi-a', dms: '', fresh: false },
        },
        {
          title: 'mi=sqlmi-b',
          data: { verb: 'verify.again', subscriptions: 'x', mi: 'sqlmi-b', dms: '', fresh: false },
        },
      ],
      correlationId: '5b0c3e1e-0000-4000-8000-000000000000',
    },
  ],
  'verify-ask': [{ text: 'Which subscription(s)?', mi: '', dms: '' }],
  'verify-script': [
    {
      title: 'Fixes script for sqlmi-hybrid and DMS dms-hybrid',
      about: 'after these 2 commands every check passes',
      howTo: 'Save it as fixes.sh, read it, then run bash fixes.sh.',
      lines: [
        '#!/usr/bin/env bash',
        'set -euo pipefail',
        '',
        '# 1/1 for nsg-management-443',
        "az network nsg rule create -g rg -n 'x y'",
      ],
    },
  ],
  ...PLAN_CARD_SAMPLES,
  ...CHECKLIST_CARD_SAMPLES,
};
