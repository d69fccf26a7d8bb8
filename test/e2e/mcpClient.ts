/**
 * The few MCP calls an AI agent makes to use a tool, over Streamable HTTP (JSON-RPC posted to
 * n8n's MCP Server Trigger; answers come as JSON or as server-sent events): enough to drive
 * the node as a tool with no language model.
 */
interface RpcAnswer {
	result?: {
		content?: Array<{ type: string; text?: string }>;
		tools?: Array<{ name: string }>;
		isError?: boolean;
	};
	error?: { message: string };
}

export class McpClient {
	private session: string | undefined;
	private nextId = 1;

	constructor(private readonly url: string) {}

	private async post(method: string, params: object, notification = false): Promise<RpcAnswer> {
		const response = await fetch(this.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				accept: 'application/json, text/event-stream',
				...(this.session ? { 'mcp-session-id': this.session } : {}),
			},
			body: JSON.stringify({
				jsonrpc: '2.0',
				method,
				params,
				...(notification ? {} : { id: this.nextId++ }),
			}),
		});
		this.session = response.headers.get('mcp-session-id') ?? this.session;
		const text = await response.text();
		if (!response.ok)
			throw new Error(`MCP ${method}: HTTP ${response.status} ${text.slice(0, 300)}`);
		if (notification || text.trim() === '') return {};
		// Server-sent events: the answer is the data line of the message event.
		const data = text.includes('data:')
			? text
					.split('\n')
					.filter((line) => line.startsWith('data:'))
					.map((line) => line.slice(5))
					.pop()!
			: text;
		return JSON.parse(data) as RpcAnswer;
	}

	async connect(): Promise<void> {
		const answer = await this.post('initialize', {
			protocolVersion: '2025-03-26',
			capabilities: {},
			clientInfo: { name: 'agntix-e2e', version: '1.0.0' },
		});
		if (answer.error) throw new Error(`MCP initialize: ${answer.error.message}`);
		await this.post('notifications/initialized', {}, true);
	}

	async listTools(): Promise<string[]> {
		const answer = await this.post('tools/list', {});
		return (answer.result?.tools ?? []).map((tool) => tool.name);
	}

	/** Calls a tool; returns the text it answered and whether it reported an error. */
	async callTool(name: string, args: object): Promise<{ text: string; isError: boolean }> {
		const answer = await this.post('tools/call', { name, arguments: args });
		if (answer.error) throw new Error(`MCP tools/call ${name}: ${answer.error.message}`);
		const text = (answer.result?.content ?? []).map((part) => part.text ?? '').join('\n');
		return { text, isError: answer.result?.isError === true };
	}
}
