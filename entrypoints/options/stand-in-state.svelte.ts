/**
 * The options page's view of stand-in keys: the bindings, as the background lists them
 * (again whenever it says they changed: a request counted, a limit reached), and what
 * the page asks about them (new limits, revoke).
 * @module
 */
import { ask } from '../../lib/client.ts';
import { isStandInsChanged } from '../../lib/stand-in/stand-in-events.ts';
import { hearBackground } from '../../lib/ui/hear-background.ts';
import type { StandInView } from '../../lib/messages.ts';
import type { Limits } from '../../lib/stand-in/binding.ts';

export class StandInState {
  /** False where the browser cannot substitute keys (Firefox). */
  available = $state(true);
  bindings = $state<StandInView[]>([]);
  /** The last refusal, in words. */
  error = $state('');
  /** The binding whose revoke waits for the user's yes. */
  revoking = $state<StandInView | undefined>(undefined);

  /** Lists the bindings now and after every change the background announces; returns a function that stops it. */
  watch(): () => void {
    const stop = hearBackground((message) => {
      if (isStandInsChanged(message)) void this.#load(true);
    });
    void this.#load(false);
    return stop;
  }

  async #load(refresh: boolean): Promise<void> {
    const answer = await ask('standIns', { refresh });
    if (!answer.ok) return void (this.error = answer.message);
    this.available = answer.data.available;
    this.bindings = answer.data.bindings;
  }

  /** Sets `binding`'s limits; the background applies them at once. */
  async setLimits(binding: StandInView, limits: Limits): Promise<void> {
    const answer = await ask('setStandInLimits', { id: binding.id, limits });
    this.error = answer.ok ? '' : answer.message;
    if (answer.ok) this.bindings = this.bindings.map((other) => (other.id === binding.id ? answer.data.binding : other));
  }

  /** Ends the binding the user confirmed. */
  async revoke(binding: StandInView): Promise<void> {
    this.revoking = undefined;
    const answer = await ask('revokeStandIn', { id: binding.id });
    this.error = answer.ok ? '' : answer.message;
    if (answer.ok) this.bindings = this.bindings.filter((other) => other.id !== binding.id);
  }
}
