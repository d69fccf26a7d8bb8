/**
 * Call → Start with "Pause the Workflow Until Agntix Reports the End": the execution waits for
 * the call's end without holding a process, and goes on with its result. In order:
 *
 * 1. Start Call decides, for the whole run, whether it pauses (pauseUntilEnd.ts:
 *    pausesUntilEnd): one item, a credential whose signing secret can verify the end, not an
 *    AI agent's tool. A pause it cannot do is refused before anyone is called.
 * 2. The call starts with the execution's resume URL as the session variable n8nResumeUrl
 *    (resumeVariableOf), and the execution is saved as waiting until the call's maximum
 *    duration plus a margin (pauseUntilEnd), with the call marked as timed out meanwhile.
 * 3. The call ends; Agntix sends session.ended, with the session variables, to its one
 *    endpoint per organization: the Agntix Trigger's Production URL.
 * 4. The trigger verifies the signature (shared/verifiedWebhook.ts) and finds the resume URL
 *    (resumeUrl.ts: resumeUrlOf). It hands the event on, unchanged, only to this n8n's own
 *    waiting path (handOnTarget), and says what came of it (handOn.ts): handed on, to deliver
 *    again, or the trigger's own; after three failed tries the failure is final.
 * 5. n8n passes the request to the paused node's resume webhook.
 * 6. The resume webhook (resumeWebhook.ts) verifies the signature again, checks that the event
 *    is the end of the very session this execution started and that it came for this
 *    execution's URL, reads whether the person was reached, and resumes the execution with
 *    the call's result. Anything else is refused and the execution keeps waiting.
 *
 * The resume URL is n8n's key to a waiting execution: withoutResumeUrl removes it from every
 * output, and no error or log line shows it.
 */
export { handOnToPausedCall } from './handOn';
export { pauseUntilEnd, pausesUntilEnd, resumeVariableOf } from './pauseUntilEnd';
export { RESUME_URL_VARIABLE, withoutResumeUrl } from './resumeUrl';
export { resumeWhenCallEnded } from './resumeWebhook';
