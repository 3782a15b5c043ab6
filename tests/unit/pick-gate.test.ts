import { beforeEach, describe, expect, it, vi } from 'vitest';

// The menu frame's gate, over a stand-in for the browser's IntersectionObserver: the
// browser's reports are fed by hand, with their times, and the clock is ours.
type Report = { time: number; intersectionRatio: number; isVisible?: boolean };
let report: (entries: Report[]) => void = () => undefined;

class FakeObserver {
  constructor(callback: (entries: Report[]) => void) {
    report = callback;
  }
  observe() {}
  disconnect() {}
}

async function gateWith(v2: boolean) {
  vi.resetModules();
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  vi.stubGlobal('IntersectionObserverEntry', class { get isVisible() { return v2; } });
  if (!v2) delete (globalThis.IntersectionObserverEntry.prototype as { isVisible?: boolean }).isVisible;
  const { PickGate } = await import('../../lib/ui/pick-gate.ts');
  const clock = { now: 0 };
  return { gate: new PickGate({} as Element, () => clock.now), clock };
}

const click = { isTrusted: true } as Event;

beforeEach(() => vi.unstubAllGlobals());

describe('a pick in the menu counts only once the menu has been plainly visible for 500 ms', () => {
  it('refuses a script’s click, a click before the browser’s first report, and one in the first 500 ms', async () => {
    const { gate, clock } = await gateWith(true);
    expect(gate.refusal({ isTrusted: false } as Event)).toBe('refused');
    expect(gate.refusal(click)).toBe('too-soon');
    report([{ time: 100, intersectionRatio: 1, isVisible: true }]);
    clock.now = 599;
    expect(gate.refusal(click)).toBe('too-soon');
    clock.now = 600;
    expect(gate.refusal(click)).toBeUndefined();
  });

  it('refuses while the browser says the frame is covered, faded or transformed, and waits again after', async () => {
    const { gate, clock } = await gateWith(true);
    report([{ time: 0, intersectionRatio: 1, isVisible: true }]);
    report([{ time: 1000, intersectionRatio: 1, isVisible: false }]);
    clock.now = 1200;
    expect(gate.refusal(click)).toBe('menu-hidden');
    report([{ time: 1300, intersectionRatio: 1, isVisible: true }]);
    clock.now = 1700;
    expect(gate.refusal(click)).toBe('too-soon');
    clock.now = 1800;
    expect(gate.refusal(click)).toBeUndefined();
  });

  it('waits again when the menu draws new keys, and calls any click in its first moments too soon', async () => {
    const { gate, clock } = await gateWith(true);
    report([{ time: 0, intersectionRatio: 1, isVisible: true }]);
    clock.now = 2000;
    gate.shown();
    report([{ time: 2050, intersectionRatio: 0.8, isVisible: false }]); // still growing into its frame
    clock.now = 2100;
    expect(gate.refusal(click)).toBe('too-soon');
    report([{ time: 2150, intersectionRatio: 1, isVisible: true }]);
    clock.now = 2400;
    expect(gate.refusal(click)).toBe('too-soon');
    clock.now = 2649;
    expect(gate.refusal(click)).toBe('too-soon');
    clock.now = 2650;
    expect(gate.refusal(click)).toBeUndefined();
  });

  it('without IntersectionObserver v2 (Firefox), counts the frame fully on screen, and no more', async () => {
    const { gate, clock } = await gateWith(false);
    report([{ time: 0, intersectionRatio: 0.5 }]);
    clock.now = 1000;
    expect(gate.refusal(click)).toBe('menu-hidden');
    report([{ time: 1000, intersectionRatio: 1 }]);
    clock.now = 1500;
    expect(gate.refusal(click)).toBeUndefined();
  });
});
