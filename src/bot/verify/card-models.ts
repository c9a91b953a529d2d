// Models of the verify cards: cards/verify-result.json, verify-checking.json, verify-error.json, verify-ask.json.
import type { DiagramImageModel } from '../card-models';

/** One check of a verify result card; evidence is already cut to fit the card. */
export interface VerifyCheckLine {
  icon: string;
  id: string;
  summary: string;
  evidence: string[];
  /** '' or a line such as '… and 3 more pieces of evidence'. */
  moreEvidence: string;
  /** '' or what the deciding route does with the flow when it does not simply deliver it ("No route: ..."). */
  path: string;
  /** How to give, in Teams, the input that would decide the check; '' when none is missing. */
  give: string;
  /** An az command, '' when none. */
  fix: string;
}

export interface VerifyFact {
  title: string;
  value: string;
}

/** What the "Check again" and candidate buttons send back (verb verify.again). */
export interface VerifyAgainData {
  verb: 'verify.again';
  subscriptions: string;
  mi: string;
  dms: string;
  /** true: read Azure anew even when a cached inventory is fresh. */
  fresh: boolean;
}

/** What "Get the fixes script" sends back (verb verify.script): the id of the verification, nothing else. */
export interface VerifyScriptData {
  verb: 'verify.script';
  verification: string;
}

/** What the commands would leave: "After the fixes: ..." on the result card. */
export interface VerifyAfterFixesModel {
  /** 'After the fixes: all pass (6 commands)', 'After the fixes: 2 checks still fail', ... */
  headline: string;
  color: 'Good' | 'Warning' | 'Attention';
  /** The checks that still do not pass, each with why ('❌ id: why'); already cut to fit. */
  remaining: string[];
}

export interface VerifyResultCardModel {
  title: string;
  /** 'Good' when every check passes, 'Warning' for warnings or unknowns only, 'Attention' when a check fails. */
  titleColor: 'Good' | 'Warning' | 'Attention';
  summary: string;
  facts: VerifyFact[];
  topologyReason: string;
  checks: VerifyCheckLine[];
  /** '' or what was left out to keep the card small. */
  note: string;
  again: VerifyAgainData;
  diagram?: DiagramImageModel;
  /** Absent when every check passed before any fix. */
  afterFixes?: VerifyAfterFixesModel;
  /** The "Get the fixes script" button's data; absent when there is no script or it could not be kept. */
  script?: VerifyScriptData;
}

/** One card of the fixes script (a long script takes several, in order). */
export interface VerifyScriptCardModel {
  title: string;
  /** What the commands achieve (afterFixes.summary), for which MI and DMS. */
  about: string;
  howTo: string;
  /** The script's lines, as they are. */
  lines: string[];
}

export interface VerifyCheckingCardModel {
  title: string;
  detail: string;
}

export interface VerifyCandidate {
  title: string;
  data: VerifyAgainData;
}

export interface VerifyErrorCardModel {
  title: string;
  message: string;
  /** An az command or a one-line fix, '' when none. */
  fix: string;
  candidates: VerifyCandidate[];
  correlationId: string;
}

export interface VerifyAskCardModel {
  text: string;
  mi: string;
  dms: string;
}
