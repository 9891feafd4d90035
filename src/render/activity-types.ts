/**
 * The subset of the Bot Framework Activity schema the renderers produce. Defined here so render
 * stays free of botbuilder; the shapes are structurally compatible with botbuilder's Partial<Activity>.
 */
export interface CardActionOut {
  type: 'messageBack' | 'imBack' | 'openUrl';
  title: string;
  value?: unknown;
  text?: string;
  displayText?: string;
}

export interface AttachmentOut {
  contentType: string;
  content: unknown;
}

export interface OutgoingActivity {
  type: 'message';
  text?: string;
  textFormat?: 'markdown' | 'plain';
  attachments?: AttachmentOut[];
  attachmentLayout?: 'list' | 'carousel';
  suggestedActions?: { actions: CardActionOut[]; to?: string[] };
  inputHint?: 'acceptingInput' | 'expectingInput' | 'ignoringInput';
}
