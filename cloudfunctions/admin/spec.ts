import { adminContracts, type AdminContracts } from '../../shared/contracts';
import type { CallableSpec, Handlers } from '../../shared/app/router';
import { ordersHandlers } from './actions/orders';
import { usersHandlers } from './actions/users';

const handlers: Handlers<AdminContracts> = {
  ping: async (_input, { deps }) => ({ pong: true as const, at: deps.clock.now().toISOString() }),
  ...usersHandlers,
  ...ordersHandlers,
};

/** `admin`: merchant actions. */
export const adminSpec: CallableSpec<AdminContracts> = { name: 'admin', contracts: adminContracts, handlers, adminOnly: true };
