import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** What runs one operation: all input items in, one output item per input item (or more, for lists). */
export type Operation = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[]>;
