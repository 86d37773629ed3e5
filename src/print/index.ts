/** Printing and controlled copies: what other modules (the site, the CLI) use. */
export { pageOrientation, sliceSwimlaneSvg, type Orientation } from './svg-slice.js';
export { printHead, printMarksData, type PrintMarksData } from './page.js';
export { renderControlledCopy, loadPrintKit } from './document.js';
export { diagramPrintHtml } from './diagram.js';
export { readRegister, copiesOut, outstanding, nextCopyNumber, REGISTER_FILE, type Register, type RegisterEntry } from './register.js';
export { recallList, recordReturn } from './recall.js';
export { countPdfPages, openPdfRenderer } from './pdf.js';
export { makeBook } from './book.js';
