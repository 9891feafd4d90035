import type { View } from '../engine/types';
import type { OutgoingActivity } from './activity-types';
import { renderTeams } from './render-teams';
import { renderText } from './render-text';
import { renderWebChat } from './render-webchat';
import type { T } from './translate-view';

/** Channels that show no buttons get numbered text. */
const TEXT_ONLY_CHANNELS = new Set(['sms', 'email', 'terminal']);

export function renderForChannel(channelId: string, view: View, t: T): OutgoingActivity[] {
  if (channelId === 'msteams') return renderTeams(view, t);
  if (TEXT_ONLY_CHANNELS.has(channelId)) return renderText(view, t);
  return renderWebChat(view, t);
}
