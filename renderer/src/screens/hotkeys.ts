// The function key of every top-level screen, apart from the screen components so that a screen (Settings,
// choosing the operator-switch key) can ask which keys are taken without importing every other screen.
export const SCREEN_HOTKEYS = {
  orders: 'F1',
  packing: 'F2',
  labels: 'F4',
  tracking: 'F6',
  dispatch: 'F7',
  printing: 'F8',
  settings: 'F9',
} as const

export type ScreenId = keyof typeof SCREEN_HOTKEYS
export const takenScreenKeys: readonly string[] = Object.values(SCREEN_HOTKEYS)
