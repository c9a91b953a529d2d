import { parseSubscriptionIds, SubscriptionIdError } from '../../src/azure/subscriptions';

const A = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const B = '9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D';

describe('parseSubscriptionIds', () => {
  it('accepts GUIDs, repeated or comma-separated, and drops duplicates (case-insensitive)', () => {
    expect(parseSubscriptionIds([`${A}, ${B}`, A.toUpperCase()], undefined)).toEqual([A, B]);
  });

  it.each([[['not-a-guid']], [['6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5']], [[`/subscriptions/${A}`]]])(
    'rejects %j',
    (values) => {
      expect(() => parseSubscriptionIds(values, undefined)).toThrow(/is not a subscription id: expected a GUID/);
    },
  );

  it('rejects an empty list', () => {
    expect(() => parseSubscriptionIds([' , '], undefined)).toThrow(SubscriptionIdError);
  });

  it('enforces AZURE_ALLOWED_SUBSCRIPTIONS when set', () => {
    expect(parseSubscriptionIds([B], [A, B.toLowerCase()])).toEqual([B]);
    expect(() => parseSubscriptionIds([A, B], [B])).toThrow(`subscription ${A} is not in AZURE_ALLOWED_SUBSCRIPTIONS`);
    expect(parseSubscriptionIds([A], [])).toEqual([A]);
  });
});
