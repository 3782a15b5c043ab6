/**
 * Fill stand-in (popup or context menu): the same checked fill as a key's, but what goes
 * into the field is the key's stand-in for the frame's site, which is bound to the key
 * as it is filled. The site's host access must be granted first (the popup asks for it
 * on the user's click); a binding made for a fill that then fails is taken back.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { bindableSite } from '../../stand-in/site.ts';
import { hostPattern } from '../../web/address.ts';
import { BackgroundError } from '../errors.ts';
import type { ChooseKey, FillTarget, Filler } from '../fill/fill.ts';
import { STAND_INS_UNAVAILABLE, type StandIns } from './stand-ins.ts';
import { words, type Words } from '../../words.ts';

export interface StandInFillDeps {
  browser: WxtBrowser;
  filler: Filler;
  standIns: StandIns;
}

const refused = (message: Words) => new BackgroundError('fill-refused', message);

/** Fills the stand-in of the key `choose` picks into the field at `target`, binding the frame's site to that key. */
export async function fillStandIn({ browser, filler, standIns }: StandInFillDeps, target: FillTarget, choose: ChooseKey): Promise<void> {
  if (!standIns.available) throw refused(STAND_INS_UNAVAILABLE);
  let bound: { bindingId: string; created: boolean } | undefined;
  try {
    await filler.fillInto(target, choose, async (entry, frameOrigin) => {
      const site = bindableSite(frameOrigin);
      if (!site) throw refused(words('errors.standInSite'));
      if (!(await browser.permissions.contains({ origins: [hostPattern(site)] }))) {
        throw refused(words('errors.standInAllowSite', site));
      }
      const made = await standIns.bind(entry, site);
      bound = made;
      return made.standIn;
    });
  } catch (error) {
    if (bound?.created) await standIns.revoke(bound.bindingId).catch(() => undefined);
    throw error;
  }
}
