/**
 * The one way bank and answer text reaches a terminal: removes escape sequences (CSI, OSC such
 * as title or clipboard writes, DCS/APC/PM/SOS strings), C1 controls and every C0 control but
 * newline and tab. A bank cannot move the cursor, recolour the screen, set the window title,
 * write the clipboard or ring the bell.
 */
// ESC-introduced strings (OSC, DCS, SOS, PM, APC) run to ST (ESC \) or BEL, or to the end if unterminated.
const ESC_STRING = /\x1b[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)/g;
// 8-bit C1 forms of the same strings.
const C1_STRING = /[\x90\x98\x9d\x9e\x9f][\s\S]*?(?:\x07|\x9c|\x1b\\|$)/g;
// CSI sequences, 7-bit and 8-bit.
const CSI = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?/g;
// Any other escape: ESC plus intermediates plus a final byte.
const ESC_OTHER = /\x1b[ -/]*[0-~]?/g;
// What is left: C0 controls but \t and \n, DEL and C1 controls.
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

export function sanitise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(ESC_STRING, '')
    .replace(C1_STRING, '')
    .replace(CSI, '')
    .replace(ESC_OTHER, '')
    .replace(CONTROLS, '');
}

/** Sanitised and on one line: for table cells and list items. */
export function sanitiseLine(text: string): string {
  return sanitise(text).replace(/\s+/g, ' ').trim();
}
