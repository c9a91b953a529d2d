import { QUESTIONS, choiceLabel, decide, nextQuestion, parseAnswer, relevantAnswers } from '../../src/planning';
import { QUESTION_KEYS, type Answers, type QuestionKey } from '../../src/planning/types';

describe('the questionnaire as data', () => {
  it('has a prompt, a reason and the agreed choices for every key', () => {
    for (const key of QUESTION_KEYS) {
      const q = QUESTIONS[key];
      expect(q.key).toBe(key);
      expect(q.prompt).toMatch(/\?$/);
      expect(q.why.length).toBeGreaterThan(20);
      const expected =
        key === 'source'
          ? [
              ['onprem', 'On-premises'],
              ['azure-vm', 'Azure VM'],
              ['other-cloud', 'Other cloud'],
            ]
          : [
              ['yes', 'Yes'],
              ['no', 'No'],
            ];
      expect(q.choices.map((c) => [c.value, c.label])).toEqual(expected);
    }
  });

  it('labels stored values', () => {
    expect(choiceLabel('source', 'other-cloud')).toBe('Other cloud');
    expect(choiceLabel('rbac-limits', 'no')).toBe('No');
  });
});

describe('nextQuestion', () => {
  it.each([
    [{}, 'source'],
    [{ 'cross-subscription': 'yes' }, 'source'],
    [{ source: 'onprem' }, 'cross-subscription'],
    [{ source: 'azure-vm', 'same-vnet': 'yes' }, 'cross-subscription'],
    [{ source: 'onprem', 'cross-subscription': 'no' }, 'rbac-limits'],
    [{ source: 'onprem', 'cross-subscription': 'yes' }, undefined],
    [{ source: 'azure-vm', 'cross-subscription': 'yes' }, undefined],
    [{ source: 'onprem', 'cross-subscription': 'no', 'rbac-limits': 'yes' }, undefined],
    [{ source: 'onprem', 'cross-subscription': 'no', 'rbac-limits': 'no' }, 'mi-onprem'],
    [{ source: 'other-cloud', 'cross-subscription': 'no', 'rbac-limits': 'no' }, 'mi-onprem'],
    [{ source: 'azure-vm', 'cross-subscription': 'no', 'rbac-limits': 'no' }, 'same-vnet'],
    [{ source: 'azure-vm', 'cross-subscription': 'no', 'rbac-limits': 'no', 'mi-onprem': 'yes' }, 'same-vnet'],
    [{ source: 'onprem', 'cross-subscription': 'no', 'rbac-limits': 'no', 'mi-onprem': 'yes' }, undefined],
    // Answered out of order (one-line form): a decisive later answer makes the earlier question moot.
    [{ source: 'onprem', 'mi-onprem': 'no' }, undefined],
    [{ source: 'onprem', 'mi-onprem': 'yes' }, 'cross-subscription'],
    [{ source: 'azure-vm', 'rbac-limits': 'no', 'same-vnet': 'yes' }, 'cross-subscription'],
  ] as [Answers, QuestionKey | undefined][])('%j → %s', (answers, next) => {
    expect(nextQuestion(answers)).toBe(next);
  });

  // A guided run answers each asked question from the full answer set; the asked keys are the path.
  it.each([
    [
      { source: 'onprem', 'cross-subscription': 'no', 'rbac-limits': 'no', 'mi-onprem': 'yes' },
      ['source', 'cross-subscription', 'rbac-limits', 'mi-onprem'],
      'hybrid',
    ],
    [
      { source: 'onprem', 'cross-subscription': 'yes', 'rbac-limits': 'no', 'mi-onprem': 'yes' },
      ['source', 'cross-subscription'],
      'mi-isolated',
    ],
    [
      { source: 'other-cloud', 'cross-subscription': 'no', 'rbac-limits': 'yes', 'mi-onprem': 'yes' },
      ['source', 'cross-subscription', 'rbac-limits'],
      'mi-isolated',
    ],
    [
      { source: 'azure-vm', 'cross-subscription': 'no', 'rbac-limits': 'no', 'same-vnet': 'yes' },
      ['source', 'cross-subscription', 'rbac-limits', 'same-vnet'],
      'cloud-shared-vnet',
    ],
    [
      { source: 'azure-vm', 'cross-subscription': 'no', 'rbac-limits': 'no', 'same-vnet': 'no' },
      ['source', 'cross-subscription', 'rbac-limits', 'same-vnet'],
      'cloud-isolated-vnet',
    ],
  ] as [Answers, QuestionKey[], string][])('guided run for %j asks %j and ends in %s', (full, path, topology) => {
    const given: Answers = {};
    const asked: QuestionKey[] = [];
    for (let key = nextQuestion(given); key !== undefined; key = nextQuestion(given)) {
      asked.push(key);
      (given as Record<string, string>)[key] = full[key] as string;
    }
    expect(asked).toEqual(path);
    expect(decide(given).topology).toBe(topology);
  });
});

describe('relevantAnswers', () => {
  it.each([
    [
      { source: 'onprem', 'same-vnet': 'yes', 'mi-onprem': 'yes' },
      { source: 'onprem', 'mi-onprem': 'yes' },
    ],
    [
      { source: 'azure-vm', 'same-vnet': 'no', 'mi-onprem': 'yes' },
      { source: 'azure-vm', 'same-vnet': 'no' },
    ],
    [
      { source: 'onprem', 'cross-subscription': 'yes', 'rbac-limits': 'no', 'mi-onprem': 'yes' },
      { source: 'onprem', 'cross-subscription': 'yes' },
    ],
    [
      { source: 'other-cloud', 'cross-subscription': 'no', 'rbac-limits': 'yes', 'mi-onprem': 'no' },
      { source: 'other-cloud', 'cross-subscription': 'no', 'rbac-limits': 'yes' },
    ],
    [
      { 'rbac-limits': 'no', 'same-vnet': 'yes', 'mi-onprem': 'no' },
      { 'rbac-limits': 'no', 'same-vnet': 'yes', 'mi-onprem': 'no' },
    ],
    [{}, {}],
  ] as [Answers, Answers][])('%j keeps %j', (answers, kept) => {
    expect(relevantAnswers(answers)).toEqual(kept);
  });
});

describe('parseAnswer', () => {
  it.each([
    ['source', 'on prem', 'onprem'],
    ['source', 'On-Premises', 'onprem'],
    ['source', 'onprem', 'onprem'],
    ['source', '  ON   PREM ', 'onprem'],
    ['source', 'Azure VM', 'azure-vm'],
    ['source', 'vm', 'azure-vm'],
    ['source', 'other cloud', 'other-cloud'],
    ['source', 'AWS', 'other-cloud'],
    ['source', 'yes', undefined],
    ['source', 'toString', undefined],
    ['source', '', undefined],
    ['mi-onprem', 'y', 'yes'],
    ['mi-onprem', 'YES', 'yes'],
    ['rbac-limits', 'n', 'no'],
    ['same-vnet', 'No', 'no'],
    ['cross-subscription', 'maybe', undefined],
    ['cross-subscription', 'on prem', undefined],
  ] as [QuestionKey, string, string | undefined][])('%s: %j → %s', (key, text, value) => {
    expect(parseAnswer(key, text)).toBe(value);
  });
});
