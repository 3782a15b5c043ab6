/**
 * The vault the fill tests start from: three keys of three providers, saved through the
 * real background, and the content script's side of a pick.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { must, startWorker } from './background-harness.ts';
import { page, resetPage, type Delivered } from './fill-fakes.ts';
import { isPickDelivery } from '../../lib/fill/inline-pick.ts';

export const PASSPHRASE = 'amber lantern 12 orchard';
export const OPENAI = { provider: 'openai', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaaaaaa1111' };
export const GROQ = { provider: 'groq', name: 'Groq main', secret: `gsk_${'G'.repeat(52)}` };
export const ANTHROPIC = { provider: 'anthropic', name: 'Claude', secret: `sk-ant-api03-${'A'.repeat(93)}AA` };

/** Lets the checks that follow a save run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** How many times the key `id` was used, as the list says. */
export const useCount = async (id: string) => (await must('listEntries', {})).entries.find((entry) => entry.id === id)!.useCount;

/** A fresh worker with a new vault holding the three keys; their ids by provider. */
export async function startWithThreeKeys(): Promise<Record<string, string>> {
  fakeBrowser.reset();
  resetPage();
  startWorker();
  await must('create', { passphrase: PASSPHRASE });
  const ids: Record<string, string> = {};
  for (const key of [OPENAI, GROQ, ANTHROPIC]) ids[key.provider] = (await must('addEntry', { entry: key })).entry.id;
  await settle();
  return ids;
}

/** The content script's side of a pick: it keeps each token delivered to it and answers "filled". */
export function catchPicks(): string[] {
  const tokens: string[] = [];
  page.contentScript = async ({ message }: Delivered) => {
    if (isPickDelivery(message)) tokens.push(message.token);
    return { outcome: 'filled' };
  };
  return tokens;
}
