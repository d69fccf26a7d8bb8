/**
 * Each test starts as a fresh n8n process would: the package keeps the rate-limit window of
 * each organization per process, and a test's sandbox and clock are its own.
 */
import { forgetRateLimitWindows } from '../nodes/shared/transport/rateLimitGate';

beforeEach(() => forgetRateLimitWindows());
