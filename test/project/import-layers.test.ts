import { ESLint } from 'eslint';

// The import rules of eslint.config.cjs, as `npm run lint` applies them: imports go down the layers only
// (docs/architecture.md), relative paths included, not only package names.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: require('../../eslint.config.cjs') });

async function refusedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${source}';\nexport const y = x;\n`, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import layers', () => {
  it.each([
    ['src/network/verifier.ts', '../bot/app'],
    ['src/network/verifier.ts', '../azure/errors'],
    ['src/network/verifier.ts', '../logger'],
    ['src/network/verifier.ts', '../config'],
    ['src/planning/rules.ts', '../cli/verify'],
    ['src/planning/rules.ts', '../storage'],
    ['src/planning/rules.ts', '../../test/support/bot-harness'],
    ['src/planning/rules.ts', 'botbuilder'],
    ['src/network/verifier.ts', 'node:fs'],
  ])('the core refuses %s importing %s', async (file, source) => {
    expect(await refusedImports(file, source)).toEqual([expect.stringMatching(/domain core stays pure/)]);
  });

  it.each([
    ['src/network/verifier.ts', '../planning'],
    ['src/network/verifier.ts', '../planning/types'],
    ['src/network/verifier.ts', './cidr'],
    ['src/planning/rules.ts', './types'],
  ])('the core may import the core: %s importing %s', async (file, source) => {
    expect(await refusedImports(file, source)).toEqual([]);
  });

  it.each([
    ['src/azure/live-inventory.ts', '../bot/app'],
    ['src/storage/file-storage.ts', '../cli/errors'],
    ['src/diagram/scene.ts', '../http/body'],
    ['src/bot/verify/verify-command.ts', '../../cli/verify'],
    ['src/bot/app.ts', '../index'],
    ['src/cli/verify.ts', '../bot/verify/verify-cards'],
    ['src/cli.ts', './bot/app'],
    ['src/cli/snapshot.ts', '../storage'],
    ['src/use-cases/verify.ts', '../azure/live-reader'],
    ['src/use-cases/verify.ts', '../bot/verify/verify-cards'],
    ['src/network/verifier.ts', '../use-cases/verify'],
  ])('%s may not import %s (a layer above, or the other surface)', async (file, source) => {
    expect(await refusedImports(file, source)).toHaveLength(1);
  });

  it.each([
    ['src/bot/verify/verify-command.ts', '../../network/verifier'],
    ['src/bot/verify/verify-command.ts', '../../azure/errors'],
    ['src/cli/verify.ts', '../network'],
    ['src/azure/live-inventory.ts', '../network/model'],
    ['src/index.ts', './bot/app'],
    ['src/use-cases/verify.ts', '../network/verifier'],
    ['src/bot/verify/verify-delivery.ts', '../../use-cases/verify'],
    ['src/cli/verify.ts', '../use-cases/verify'],
  ])('%s may import %s (a layer below)', async (file, source) => {
    expect(await refusedImports(file, source)).toEqual([]);
  });
});
