import type { PlatformDeps } from '../platform/context';
import type { CircuitBreaker } from './circuit-breaker';
import type { Provider } from './types';

/** What model calls need: the platform, the providers configured in the environment and their breaker. */
export interface LlmDeps extends PlatformDeps {
  llm: { providers: Map<string, Provider>; breaker: CircuitBreaker };
}
