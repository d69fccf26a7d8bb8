/**
 * How a workflow gives each item an execution of its own, for the steps that hold one item
 * per execution (Start Call's pause, Wait for Calling Hours). The same advice works on n8n
 * 1.x, 2.x and 3.x: n8n 3 removed Execute Workflow's "Run once for each item" mode, and Loop
 * Over Items is what n8n itself recommends instead.
 */
export const EXECUTION_PER_ITEM =
	'give each item an execution of its own: put Loop Over Items before an Execute Workflow node that runs a workflow starting with this step (Mode: Run once with all items; Options → Wait For Sub-Workflow Completion: off), as the example workflow "a list of leads, each called within their hours in its own execution" does';
