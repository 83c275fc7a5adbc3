import { readFileSync } from 'node:fs';
import { compileChapter, formatError } from '../src/lessons/index';
const f = process.argv[2];
const r = compileChapter(readFileSync(f, 'utf8'), { file: f });
console.log(r.html);
for (const s of r.steps) console.log(s.index, s.id, s.line, JSON.stringify(s.actions), s.config.discriminator.learningRate, s.config.distribution);
console.log(r.errors.map(formatError).join('\n'));
console.log(r.values, r.frontmatter, r.sandbox);
