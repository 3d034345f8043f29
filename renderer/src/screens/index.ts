// Every top-level screen of the station, in the order of the navigation bar. A screen is reachable by
// its function key, so the packer never needs the mouse to move between them.
import type { ComponentType } from 'react'
import { InboxScreen } from './InboxScreen'
import { PackingScreen } from './PackingScreen'
import { SettingsScreen } from './SettingsScreen'
import { TrackingScreen } from './TrackingScreen'
import { DispatchScreen } from './DispatchScreen'
import { LabelsScreen } from './LabelsScreen'
import { PrintScreen } from './PrintScreen'
import { SCREEN_HOTKEYS, type ScreenId } from './hotkeys'

export interface ScreenDef {
  id: ScreenId
  /** i18n key of the navigation label (namespace common). */
  titleKey: string
  /** KeyboardEvent.code that opens it from anywhere. */
  hotkey: string
  component: ComponentType
}

export const screens: ScreenDef[] = [
  { id: 'orders', titleKey: 'nav.orders', hotkey: SCREEN_HOTKEYS.orders, component: InboxScreen },
  { id: 'packing', titleKey: 'packing:nav', hotkey: SCREEN_HOTKEYS.packing, component: PackingScreen },
  { id: 'labels', titleKey: 'labels:nav', hotkey: SCREEN_HOTKEYS.labels, component: LabelsScreen },
  { id: 'tracking', titleKey: 'tracking:nav', hotkey: SCREEN_HOTKEYS.tracking, component: TrackingScreen },
  { id: 'dispatch', titleKey: 'dispatch:nav', hotkey: SCREEN_HOTKEYS.dispatch, component: DispatchScreen },
  { id: 'printing', titleKey: 'printing:nav', hotkey: SCREEN_HOTKEYS.printing, component: PrintScreen },
  { id: 'settings', titleKey: 'settings:title', hotkey: SCREEN_HOTKEYS.settings, component: SettingsScreen },
]
