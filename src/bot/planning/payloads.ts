// The data of the planning cards' submits, parsed before anything is read or written: a tampered or truncated
// submit is refused with the fields named.
import { z } from 'zod';
import { QUESTION_KEYS } from '../../planning';
import { noticeModel } from './planning-cards';
import { CardRejection } from './replies';

const planVersion = z.number().int().positive();
const formText = z.union([z.string(), z.number(), z.boolean()]).transform(String).optional();

export const versionedPayload = z.object({ planVersion });

// 'question', not 'key': the Playground's card renderer fails on a submit whose data has a 'key' field.
export const answerPayload = z.object({ planVersion, question: z.enum(QUESTION_KEYS), value: z.string() });

export const exportPayload = z.object({ planVersion, format: z.enum(['azcli', 'bicep']) });

export const rulesFormPayload = z.object({
  planVersion,
  dmsSubnet: formText,
  sourceRanges: formText,
  sqlPort: formText,
  namedInstance: formText,
  smb: formText,
  ruleset: formText,
});

/** Parses a submit's data or throws a CardRejection naming every bad or missing field. */
export function parsePayload<S extends z.ZodTypeAny>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || 'data';
    return issue.code === 'invalid_type' && issue.received === 'undefined'
      ? `${field} is missing`
      : `${field}: ${issue.message}`;
  });
  throw new CardRejection(
    noticeModel('This card could not be read', 'Its data is incomplete or was changed, so nothing was changed.', {
      problems,
    }),
  );
}
