// The framework floor for the benchmark: restify, TeamsAdapter (CloudAdapter) and a teams-ai Application that
// answers every message with one small Adaptive Card. No validation, no logging, no storage.
import * as restify from 'restify';
import { CardFactory } from 'botbuilder';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';

const adapter = new TeamsAdapter({});
const app = new Application<TurnState>({ adapter, startTypingTimer: false, longRunningMessages: false });
const card = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'echo', wrap: true }],
};
app.activity('message', async (context) => {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
});

const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
server.get('/healthz', (_req, res, next) => {
  res.json(200, { status: 'ok' });
  return next();
});
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
});
server.listen(Number(process.env.PORT ?? 3979), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
