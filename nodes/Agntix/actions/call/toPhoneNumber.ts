/** The number to call, as Start Call and Wait for Calling Hours read it: one field, one check. */
import type { INodeProperties } from 'n8n-workflow';

import { countryOptions, isCountryCode, normalizePhoneNumber } from '../../helpers/calleeNumber';
import type { PhoneNumberResult } from '../../helpers/calleeNumber';
import { InputProblem, showValue } from '../../helpers/inputProblem';

/** The "To Phone Number" field, with what it is for on its operation. */
export function toPhoneNumberField(text: { description: string; hint: string }): INodeProperties {
	return {
		displayName: 'To Phone Number',
		name: 'toPhoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550100',
		...text,
	};
}

/** The "Default Country" option, for numbers written without a country code. */
export const defaultCountryOption: INodeProperties = {
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'options',
	options: [{ name: 'None (Numbers Must Start With +)', value: '' }, ...countryOptions()],
	default: '',
	description:
		'Country of numbers written without a country code, e.g. (415) 555-0100 with United States',
};

/** The number in E.164, or an InputProblem naming the field and the value. */
export function checkedToPhoneNumber(
	rawNumber: unknown,
	defaultCountry: unknown = '',
): Extract<PhoneNumberResult, { ok: true }> {
	if (defaultCountry !== '' && !isCountryCode(defaultCountry)) {
		throw new InputProblem(
			`"Default Country" ${showValue(defaultCountry)} is not a country code`,
			'Pick a country from the list, or map a two-letter code such as US, GB or AE',
		);
	}
	const phone = normalizePhoneNumber(rawNumber, defaultCountry || undefined);
	if (!phone.ok) {
		throw new InputProblem(
			`"To Phone Number" ${showValue(rawNumber)} is not a valid phone number: ${phone.reason}`,
			phone.fix,
		);
	}
	return phone;
}
