import type { PlatformDeps } from '../platform/context';
import type { PaymentsConfigError } from './config';
import type { Payments } from './runtime';

/** What payment code needs: the platform, and WeChat Pay or why it is not configured. */
export interface PaymentsDeps extends PlatformDeps {
  /** Payment actions answer CONFIG_INVALID when this is an error. */
  payments: Payments | PaymentsConfigError;
}
