/**
 * The words the menu says for each pick outcome the content script or the pick gate
 * answers with.
 * @module
 */
import { i18n } from '#i18n';
import type { PickOutcome } from '../../lib/fill/inline-pick.ts';

/** What the person reads for `outcome`. */
export function outcomeWords(outcome: PickOutcome): string {
  const words: Record<PickOutcome, () => string> = {
    filled: () => i18n.t('menu.outcome.filled'),
    'too-soon': () => i18n.t('menu.outcome.tooSoon'),
    'menu-hidden': () => i18n.t('menu.outcome.menuHidden'),
    'field-gone': () => i18n.t('menu.outcome.fieldGone'),
    'field-hidden': () => i18n.t('menu.outcome.fieldHidden'),
    'field-read-only': () => i18n.t('menu.outcome.fieldReadOnly'),
    refused: () => i18n.t('menu.outcome.refused'),
    closed: () => i18n.t('menu.outcome.closed'),
  };
  return words[outcome]();
}
