const path = require('path');
const { task, src, dest } = require('gulp');

// Icons and codex files sit next to the compiled nodes, where n8n looks for them.
task('build:icons', () =>
	src(['icons/*.{png,svg}', 'nodes/**/*.node.json'], { base: '.', encoding: false }).pipe(
		dest(path.resolve('dist')),
	),
);
