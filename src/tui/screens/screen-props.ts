/** What the app hands every screen. */
import type { TimeWindow } from '../../util/time-arg.js';
import type { Navigator } from '../navigation.js';

export interface ScreenProps {
  width: number;
  /** Lines the screen may use (the header and the key hint take the other two). */
  height: number;
  /** False while help covers the screen: it must not react to keys. */
  active: boolean;
  memo: Record<string, unknown>;
  nav: Navigator;
  window: TimeWindow;
  setWindow(window: TimeWindow): void;
  /** A one-line message in place of the key hint until the next key. */
  say(message: string): void;
  /** True while a prompt is open: the app's own keys (q, D, …) are then plain text. */
  setCaptured(captured: boolean): void;
}
