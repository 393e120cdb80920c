import { buildBcm } from '../bcm.builder';
import { sampleContext, STAMP } from '../bcm.test-data';
import { AiProvider, NoAiProvider } from './ai-provider';

describe('NoAiProvider', () => {
  it('adds nothing', async () => {
    const provider: AiProvider = new NoAiProvider();
    await expect(provider.enrichBcm(buildBcm(sampleContext(), STAMP), new AbortController().signal)).resolves.toBeNull();
  });
});
