import type { Request, Response } from 'restify';
import { AuthenticationError } from 'botframework-connector';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { AdvisorAdapter } from '../adapter';
import { correlationId } from '../bot/turn-context-info';
import { tokenRefusalReason } from '../connector/token-errors';
import type { Exposure } from '../exposure';
import { errorFields, hashId, type Logger } from '../logger';
import { checkActivity } from './activity-validation';
import { parseJsonBody, readBody, refuseFromHeaders, type Refusal } from './body';
import { answerForUnhandledInvoke } from './invoke-fallback';

export interface MessagesRouteDependencies {
  adapter: AdvisorAdapter;
  app: Application<TurnState>;
  logger: Logger;
  exposure: Pick<Exposure, 'allowsServiceUrl'>;
}

interface Answer {
  status: number;
  body?: unknown;
  /** The refusal already has its own warn line: the request line goes to debug, so one refusal is one warn. */
  logged?: boolean;
}

/** POST /api/messages: refuse what is not a well-formed activity, authenticate, run the turn, log one line. */
export function messagesRoute(deps: MessagesRouteDependencies) {
  const { adapter, app, logger, exposure } = deps;

  const runTurn = async (req: Request): Promise<Answer & { correlationId?: string; conversation?: string }> => {
    const parsed = parseJsonBody(req);
    if (!parsed.ok) return { status: 400, body: { error: 'the body is not valid JSON' } };
    const check = checkActivity(parsed.value);
    if (!check.ok) return { status: 400, body: { error: check.problem } };
    const activity = check.activity;
    if (!exposure.allowsServiceUrl(activity.serviceUrl)) {
      // The URL is the caller's: it is not logged. In local mode only this machine's connector is answered.
      logger.warn(
        { event: 'service-url-refused', conversation: hashId(activity.conversation.id) },
        'request refused: replies may not go to its serviceUrl in this mode',
      );
      return {
        status: 403,
        body: { error: 'the bot does not send replies to this serviceUrl in its current mode' },
        logged: true,
      };
    }
    let turnId: string | undefined;
    try {
      const response = await adapter.handleActivity(req.header('authorization') ?? '', activity, async (context) => {
        turnId = correlationId(context);
        await app.run(context);
      });
      const answer = answerForUnhandledInvoke(activity, response);
      return { status: answer?.status ?? 200, body: answer?.body, correlationId: turnId };
    } catch (err) {
      const conversation = hashId(activity.conversation.id);
      if (err instanceof AuthenticationError) {
        logger.warn(
          { event: 'unauthorized', reason: tokenRefusalReason(err), conversation },
          'request refused: missing or invalid token',
        );
        return { status: 401, body: { error: 'unauthorized' }, logged: true };
      }
      if (turnId === undefined) {
        // Failed before the turn began: the token could not be checked (e.g. OpenID metadata unreachable).
        logger.error({ event: 'auth-unavailable', conversation, err: errorFields(err) }, 'could not verify the token');
        return { status: 503, body: { error: 'cannot verify the request now; retry later' }, logged: true };
      }
      logger.error(
        { event: 'request-failed', correlationId: turnId, conversation, err: errorFields(err) },
        'turn failed',
      );
      return { status: 500, body: { error: 'internal error', correlationId: turnId }, logged: true };
    }
  };

  const refused = (refusal: Refusal): Answer => ({ status: refusal.status, body: { error: refusal.error } });

  return async (req: Request, res: Response): Promise<void> => {
    const started = process.hrtime.bigint();
    let answer: Answer & { correlationId?: string };
    const early = refuseFromHeaders(req);
    if (early) {
      // The body stays unread: close the connection rather than drain it.
      res.header('Connection', 'close');
      answer = refused(early);
    } else {
      const unreadable = await readBody(req, res);
      answer = unreadable ? refused(unreadable) : await runTurn(req);
    }
    // Logged before the answer goes out, so whoever reads the answer finds the line already written.
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const level = answer.logged ? 'debug' : answer.status >= 500 ? 'error' : answer.status >= 400 ? 'warn' : 'debug';
    logger[level](
      { event: 'request', status: answer.status, ms: Math.round(ms * 10) / 10, correlationId: answer.correlationId },
      'POST /api/messages',
    );
    if (answer.body === undefined) res.send(answer.status);
    else res.send(answer.status, answer.body);
  };
}
