// Labels in the UI: the label state of packed packages and a true-size preview of their labels.
export { PackageLabels, type LabelledPackage } from './PackageLabels'
export { LabelPaper, BagLabelPreview, OzonLabelPreview, ZOOMS, type PreviewKind, type Zoom } from './LabelPreview'
export { OzonLabelState } from './OzonLabelState'
export { useLabelStatus, secondsSince } from './useLabelStatus'
