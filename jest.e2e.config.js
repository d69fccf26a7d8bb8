/** End-to-end tests against real n8n processes: `npm run test:e2e`. */
const base = require('./jest.config');

module.exports = {
	...base,
	roots: ['<rootDir>/test/e2e'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 300000,
};
