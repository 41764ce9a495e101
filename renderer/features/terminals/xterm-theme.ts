import type { ITheme } from '@xterm/xterm';

export const DARK_TERMINAL_THEME: ITheme = {
  background: '#1b1c1f',
  foreground: '#d4d7dd',
  cursor: '#e6e6e6',
  cursorAccent: '#1b1c1f',
  selectionBackground: '#3d5a80aa',
  black: '#1b1c1f', red: '#f07178', green: '#a6d189', yellow: '#e5c890', blue: '#82aaff', magenta: '#c792ea', cyan: '#89ddff', white: '#d4d7dd',
  brightBlack: '#6b7280', brightRed: '#ff8b92', brightGreen: '#c3e88d', brightYellow: '#ffcb6b', brightBlue: '#9cc4ff', brightMagenta: '#d7a9f5', brightCyan: '#a6e9ff', brightWhite: '#ffffff',
};

export const LIGHT_TERMINAL_THEME: ITheme = {
  background: '#fbfbfc',
  foreground: '#24292f',
  cursor: '#24292f',
  cursorAccent: '#fbfbfc',
  selectionBackground: '#9ec5fe99',
  black: '#24292f', red: '#cf222e', green: '#116329', yellow: '#7d4e00', blue: '#0550ae', magenta: '#8250df', cyan: '#1b7c83', white: '#6e7781',
  brightBlack: '#57606a', brightRed: '#a40e26', brightGreen: '#1a7f37', brightYellow: '#633c01', brightBlue: '#218bff', brightMagenta: '#a475f9', brightCyan: '#3192aa', brightWhite: '#8c959f',
};
