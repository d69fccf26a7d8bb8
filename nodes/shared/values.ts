/** Reading values of unknown shape (API answers, webhook bodies, headers): one way each. */
import type { IDataObject } from 'n8n-workflow';

/** Whether the value is a plain object (not null, not a list). */
export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a plain object, otherwise undefined. */
export function asObject(value: unknown): IDataObject | undefined {
	return isObject(value) ? value : undefined;
}

/** Trimmed text, or undefined for anything that is not text or is blank. */
export function nonBlankText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The first value of a header, by any of its names and whatever the case, when not empty. */
export function headerValue(
	headers: Record<string, unknown> | undefined,
	...names: string[]
): string | undefined {
	for (const name of names) {
		const raw = headers?.[name] ?? headers?.[name.toLowerCase()];
		const value = Array.isArray(raw) ? raw[0] : raw;
		if (value !== undefined && value !== null && String(value) !== '') return String(value);
	}
	return undefined;
}

/** Text as a search compares it: without accents and case, so "recepcion" finds "Recepción". */
function searchable(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether any of the fields (text ones only) contains what was typed, ignoring accents and case. */
export function anyFieldContains(fields: unknown[], typed: string | undefined): boolean {
	const needle = searchable((typed ?? '').trim());
	if (!needle) return true;
	return fields.some((field) => typeof field === 'string' && searchable(field).includes(needle));
}
