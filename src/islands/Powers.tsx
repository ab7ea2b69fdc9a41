/** Text with its powers set as superscripts ("T^1.94" → T<sup>1.94</sup>), for sentences, captions and table cells. */
import { splitPowers } from '../utils/superscript';

export function Powers({ text }: { text: string }) {
  return <>{splitPowers(text).map((part, index) => (part.superscript ? <sup key={index}>{part.text}</sup> : part.text))}</>;
}
