import { NodeApiError } from 'n8n-workflow';

import { readErrorBody } from '../../nodes/shared/transport/errorText';
import { apiError, networkError } from '../../nodes/shared/transport/errors';
import { agntixNode } from '../fixtures';

const node = agntixNode({});

describe('readErrorBody', () => {
	test('reads the Agntix envelope', () => {
		expect(
			readErrorBody(404, {
				error: {
					code: 'SESSION_NOT_FOUND',
					message: 'Session not found',
					requestId: 'req_1',
					status: 404,
				},
			}),
		).toEqual({
			message: 'Session not found',
			code: 'SESSION_NOT_FOUND',
			requestId: 'req_1',
			fieldErrors: [],
		});
	});

	test('reads FastAPI validation details with the fields named as in the node', () => {
		const labels = { to_phone_number: 'To Phone Number', session_variables: 'Session Variables' };
		const details = readErrorBody(
			422,
			{
				detail: [
					{
						loc: ['body', 'to_phone_number'],
						msg: 'String should match pattern',
						type: 'string_pattern_mismatch',
					},
					{
						loc: ['body', 'session_variables', 'x'],
						msg: 'Input should be a valid string',
						type: 'string_type',
					},
				],
			},
			labels,
		);
		expect(details.fieldErrors).toEqual([
			'To Phone Number: String should match pattern',
			'Session Variables › x: Input should be a valid string',
		]);
		expect(details.message).toBe(details.fieldErrors.join('; '));
	});

	test('reads a JSON body that arrived as text, a plain detail string, and falls back for HTML', () => {
		expect(readErrorBody(409, '{"error":{"message":"Busy","code":"GENERIC_ERROR"}}').message).toBe(
			'Busy',
		);
		expect(readErrorBody(400, { detail: 'Bad page' }).message).toBe('Bad page');
		expect(readErrorBody(502, '<html>Bad Gateway</html>').message).toBe(
			'Agntix answered with status 502',
		);
		expect(readErrorBody(500, undefined).message).toBe('Agntix answered with status 500');
	});
});

describe('apiError', () => {
	test('names the action, status and message; hint, code and request id in the description', () => {
		const error = apiError(
			node,
			404,
			{ error: { code: 'GENERIC_ERROR', message: 'Phone number x not found', requestId: 'req_9' } },
			{
				action: 'start the call',
				itemIndex: 3,
				notFoundHint: 'Pick the From Number from the list.',
			},
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Could not start the call: Not found - Phone number x not found');
		expect(error.description).toContain('Pick the From Number from the list.');
		expect(error.description).toContain('Error code: GENERIC_ERROR');
		expect(error.description).toContain('Request ID: req_9');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(3);
	});

	test.each([
		[401, 'Check the key in the Agntix credential'],
		[403, 'not allowed to do this'],
		[409, 'conflict'],
		[429, 'something else uses the same limit'],
		[500, 'still had it after'],
	])('status %i gets a plain hint', (status, hint) => {
		expect(apiError(node, status, {}, { action: 'list phone numbers' }).description).toContain(
			hint,
		);
	});

	test('a 5xx on a request that is not idempotent says first what may have happened', () => {
		const unconfirmed = {
			headline: 'Could not confirm the call to +1: it may have been placed; not sent again',
			hint: 'Check the dashboard.',
		};
		const error = apiError(node, 502, {}, { action: 'start the call', unconfirmed });
		expect(error.message).toBe(
			`${unconfirmed.headline} (Agntix server error 502: Agntix answered with status 502)`,
		);
		expect(error.description).toContain('Check the dashboard.');
	});

	test('a 422 lists the fields to change', () => {
		const error = apiError(
			node,
			422,
			{
				detail: [
					{ loc: ['body', 'agent_id'], msg: 'Agent is not voice-enabled', type: 'value_error' },
				],
			},
			{ action: 'start the call', fieldLabels: { agent_id: 'Agent' } },
		);
		expect(error.description).toContain('Change these values: Agent: Agent is not voice-enabled.');
	});

	test('secrets echoed by the server are masked', () => {
		const secret = 'pk_live_abcdef123456';
		const error = apiError(
			node,
			401,
			{ error: { message: `Invalid API key ${secret}` } },
			{ action: 'x', secrets: [secret] },
		);
		expect(
			JSON.stringify({ ...error, message: error.message, description: error.description }),
		).not.toContain(secret);
		expect(error.message).toContain('***');
	});
});

describe('networkError', () => {
	test('a timeout on a request that is not idempotent says it was not resent', () => {
		const error = networkError(
			node,
			Object.assign(new Error('timeout of 1000ms exceeded'), { code: 'ECONNABORTED' }),
			{
				action: 'start the call',
				unconfirmed: {
					headline: 'Could not confirm the call: not sent again',
					hint: 'It was not sent again.',
				},
			},
		);
		expect(error.message).toBe('Could not confirm the call: not sent again (no answer in time)');
		expect(error.description).toContain('It was not sent again.');
		expect(error.description).toContain('Network error code: ECONNABORTED');
		expect(`${error.message} ${error.description}`).not.toContain('Retry on Fail');
	});

	test('a reset on a read names the Base URL', () => {
		const error = networkError(
			node,
			Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
			{
				action: 'list phone numbers',
				attempts: 5,
			},
		);
		expect(error.message).toContain('the connection was cut');
		expect(error.description).toContain('Tried 5 times');
	});
});
