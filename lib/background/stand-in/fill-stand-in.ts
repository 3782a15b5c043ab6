/**
 * Fill stand-in (popup or context menu): the same checked fill as a key's, but what goes
 * into the field is the key's stand-in for the frame's site, which is bound to the key
 * as it is filled. The site's host access must be granted first (the popup, and the
 * inline menu, ask for it on the user's click); a binding made for a fill that then
 * fails is taken back. The inline menu binds through `bindFrameSite` too.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { bindableSite } from '../../stand-in/site.ts';
import { hostPattern } from '../../web/address.ts';
import type { Entry } from '../../vault/payload-schema.ts';
import { BackgroundError } from '../errors.ts';
import type { ChooseKey, FillTarget, Filler } from '../fill/fill.ts';
import { STAND_INS_UNAVAILABLE, type StandIns } from './stand-ins.ts';
import { words, type Words } from '../../words.ts';

/** A binding made (or found) for a fill: its stand-in, and whether this fill created it. */
export type Bound = Awaited<ReturnType<StandIns['bind']>>;

export interface StandInFillDeps {
  browser: WxtBrowser;
  filler: Filler;
  standIns: StandIns;
}

const refused = (message: Words) => new BackgroundError('fill-refused', message);

/**
 * Binds the site of `origin` (a frame's, as the browser reported it) to `entry`'s key:
 * only a bindable site, and only once its host access was granted. Returns the stand-in.
 */
export async function bindFrameSite({ browser, standIns }: Pick<StandInFillDeps, 'browser' | 'standIns'>, entry: Entry, origin: string): Promise<Bound> {
  if (!standIns.available) throw refused(STAND_INS_UNAVAILABLE);
  const site = bindableSite(origin);
  if (!site) throw refused(words('errors.standInSite'));
  if (!(await browser.permissions.contains({ origins: [hostPattern(site)] }))) throw refused(words('errors.standInAllowSite', site));
  return standIns.bind(entry, site);
}

/** Fills the stand-in of the key `choose` picks into the field at `target`, binding the frame's site to that key. */
export async function fillStandIn({ browser, filler, standIns }: StandInFillDeps, target: FillTarget, choose: ChooseKey): Promise<void> {
  if (!standIns.available) throw refused(STAND_INS_UNAVAILABLE);
  let bound: Bound | undefined;
  try {
    await filler.fillInto(target, choose, async (entry, frameOrigin) => {
      bound = await bindFrameSite({ browser, standIns }, entry, frameOrigin);
      return bound.standIn;
    });
  } catch (error) {
    if (bound?.created) await standIns.revoke(bound.bindingId).catch(() => undefined);
    throw error;
  }
}
