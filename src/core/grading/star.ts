import { STAR_PARTS, type StarPartName, type StarResult } from './types.js';

/**
 * STAR structure in a behavioural answer: each part is present when one of its cues appears, and
 * the cue (the answer's own words) is reported. Cues are phrases interviewers listen for, not
 * topic words, so a story about any subject is read the same way.
 */
const CUES: Readonly<Record<StarPartName, readonly RegExp[]>> = {
  situation: [
    /\b(?:at|in) (?:my|our) (?:previous|last|old|current|former) (?:job|role|company|team|employer|position)\b/i,
    /\b(?:when|while) I (?:was|worked|joined)\b[^.!?\n]{0,40}/i,
    /\b(?:a few|two|three|several|some) (?:years|months|weeks) ago\b/i,
    /\b(?:last|one) (?:year|quarter|month|week|night|weekend|friday|monday)\b/i,
    /\bin (?:19|20)\d\d\b/,
    /\bthe (?:situation|context|background) (?:was|is)\b/i,
    /\b(?:we|our team|the team|our service|our company) (?:had|was|were|ran|used to)\b[^.!?\n]{0,40}/i,
    /\bthere (?:was|were) (?:a|an|this|one)\b[^.!?\n]{0,40}/i,
    /\bsituation\b/i,
  ],
  task: [
    /\bI was (?:responsible|in charge|asked|tasked|the on-?call|on call|leading|the lead|the owner)\b[^.!?\n]{0,40}/i,
    /\bmy (?:job|role|task|goal|responsibility|mission|assignment) was\b[^.!?\n]{0,40}/i,
    /\bI (?:needed|had|wanted) to\b[^.!?\n]{0,40}/i,
    /\b(?:we|the team) (?:needed|had) to\b[^.!?\n]{0,40}/i,
    /\bthe (?:goal|task|objective|challenge|problem) was\b[^.!?\n]{0,40}/i,
    /\b(?:my|our) (?:goal|task|objective)\b/i,
  ],
  action: [
    /\bI (?:decided|started|built|wrote|proposed|led|set up|created|added|introduced|organi[sz]ed|talked|spoke|met|asked|called|paged|rolled|reverted|changed|moved|pushed|worked|drove|ran|took|made|found|fixed|automated|scheduled|wrote up|documented|negotiated|escalated|explained|suggested|investigated|traced|gathered|reviewed|designed|implemented|migrated|brought|opened|paired|coordinated|focused|prioriti[sz]ed)\b[^.!?\n]{0,40}/i,
    /\b(?:first|then|next|so|after that),? I\b[^.!?\n]{0,40}/i,
    /\bI would\b[^.!?\n]{0,40}/i,
  ],
  result: [
    /\b(?:as a result|in the end|the result was|the outcome was|which meant|ended up|since then|afterwards|after that change)\b[^.!?\n]{0,40}/i,
    /\b(?:reduced|cut|dropped|fell|improved|increased|saved|halved|doubled|went (?:down|up) from|went from)\b[^.!?\n]{0,40}/i,
    /\b\d+(?:\.\d+)? ?(?:%|percent|x\b|times\b)/i,
    /\bI (?:learned|learnt)\b[^.!?\n]{0,40}/i,
    /\b(?:result|outcome|impact)\b/i,
  ],
};

/** Which STAR parts the answer shows, each with the words that showed it. */
export function detectStar(text: string): StarResult {
  const out = {} as StarResult;
  for (const part of STAR_PARTS) {
    let cue = '';
    for (const re of CUES[part]) {
      const m = re.exec(text);
      if (m) {
        cue = m[0].replace(/\s+/g, ' ').trim();
        break;
      }
    }
    out[part] = { present: cue !== '', cue };
  }
  return out;
}
