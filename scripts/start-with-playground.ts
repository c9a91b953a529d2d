import { startBot, startPlayground } from './launch';

/** The README's run command: the bot (local mode, file storage) plus the Agents Playground in front of it. */
async function main(): Promise<void> {
  const botPort = Number(process.env.PORT ?? 3978);
  const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
  const bot = await startBot({ port: botPort, echo: true });
  const playground = await startPlayground({ botPort, port: playgroundPort });
  process.stdout.write(
    `\nMigration Network Advisor is running on http://localhost:${botPort}/api/messages\n` +
      `Open the Agents Playground: http://localhost:${playground.port}\n` +
      `Try "help" or "plan" in the personal chat; in a channel, @mention the bot. Ctrl+C stops both.\n\n`,
  );
  const stop = async () => {
    await Promise.all([playground.stop(), bot.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  bot.process.on('exit', (code) => {
    process.stderr.write(`the bot stopped (exit code ${code}); stopping the playground\n`);
    void playground.stop().then(() => process.exit(code ?? 1));
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
