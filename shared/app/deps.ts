import type { LlmDeps } from '../llm/deps';
import type { PaymentsDeps } from '../payments/deps';

/** Everything any handler may touch: the platform plus every domain's services, wired in ./cloud. */
export interface Deps extends PaymentsDeps, LlmDeps {}
