// A PDF the station handed over (base64): open it in a new tab, or save it as a file. Printing to the bench's
// printer is the printing area's; here the packer can always see and keep the document.
import type { DispatchDocument } from '../../../../shared/contract/dispatch'

function blobUrl(doc: DispatchDocument): string {
  const bytes = Uint8Array.from(atob(doc.base64), (c) => c.charCodeAt(0))
  return URL.createObjectURL(new Blob([bytes], { type: doc.mimeType }))
}

export function openPdf(doc: DispatchDocument): void {
  const url = blobUrl(doc)
  const tab = window.open(url, '_blank')
  // A blocked pop-up still gets the file.
  if (!tab) savePdf(doc, url)
  else setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export function savePdf(doc: DispatchDocument, url = blobUrl(doc)): void {
  const a = document.createElement('a')
  a.href = url
  a.download = doc.fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
