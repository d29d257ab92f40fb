/**
 * Providers have no common code for "this will not be answered", so their words are matched:
 * OpenAI `content_policy_violation` / `content_filter`, Azure `content_filter` with
 * `ResponsibleAIPolicyViolation`, DeepSeek 400 "Content Exists Risk" (typed only as
 * invalid_request_error), Moonshot `content_filter` / "considered high risk", Qwen
 * `data_inspection_failed`, OpenRouter "your input was flagged" (moderation), Anthropic "content
 * filtering policy". Only error bodies and error events are matched — never an answer's text.
 */
const REFUSAL =
  /content[_ ]?(?:filter|policy|management)|content exists risk|high risk|data_inspection|sensitive|responsibleaipolicyviolation|was flagged/i;

export function isContentRefusal(errorText: string): boolean {
  return REFUSAL.test(errorText);
}
