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

export interface ScreenDef {
  id: string
  /** i18n key of the navigation label (namespace common). */
  titleKey: string
  /** KeyboardEvent.code that opens it from anywhere. */
  hotkey: string
  component: ComponentType
}

export const screens: ScreenDef[] = [
  { id: 'orders', titleKey: 'nav.orders', hotkey: 'F1', component: InboxScreen },
  { id: 'packing', titleKey: 'packing:nav', hotkey: 'F2', component: PackingScreen },
  { id: 'labels', titleKey: 'labels:nav', hotkey: 'F4', component: LabelsScreen },
  { id: 'tracking', titleKey: 'tracking:nav', hotkey: 'F6', component: TrackingScreen },
  { id: 'dispatch', titleKey: 'dispatch:nav', hotkey: 'F7', component: DispatchScreen },
  { id: 'printing', titleKey: 'printing:nav', hotkey: 'F8', component: PrintScreen },
  { id: 'settings', titleKey: 'settings:title', hotkey: 'F9', component: SettingsScreen },
]
