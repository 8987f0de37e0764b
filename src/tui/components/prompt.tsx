/** A one-line text prompt (`/`, `f`): Enter submits, Esc cancels, Backspace erases. */
import { Text, useInput } from 'ink';
import { useState } from 'react';
import { fit } from '../wrap-text.js';

export interface PromptProps {
  label: string;
  initial: string;
  width: number;
  onSubmit(text: string): void;
  onCancel(): void;
}

export function Prompt({ label, initial, width, onSubmit, onCancel }: PromptProps) {
  const [text, setText] = useState(initial);
  useInput((input, key) => {
    if (key.return) onSubmit(text);
    else if (key.escape) onCancel();
    else if (key.backspace || key.delete) setText(text.slice(0, -1));
    else if (!key.ctrl && !key.meta && input !== '') setText(text + input);
  });
  return <Text wrap="truncate">{fit(`${label}${text}█`, width)}</Text>;
}
