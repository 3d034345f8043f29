// Labels: the station's own bag labels as vector PDFs, and merging PDFs (Ozon's labels + ours) into one print job.
export { layoutBagLabels, renderBagLabelsPdf, renderLabelLayoutsPdf, type BagLabelOptions } from './bag-label-pdf'
export { bwipBarcodeEncoder } from './barcodes'
export { defaultFontsDir, loadLabelFonts, type FontFace, type LabelFonts, type TextRun } from './fonts'
export { assemblePdf, mergePdfs, pdfPageCount, splitPdf, type PagePick } from './pdf-document'
