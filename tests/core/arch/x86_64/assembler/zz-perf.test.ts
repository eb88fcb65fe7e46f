import { it } from 'vitest';
import { assembleX86 } from '../../../../../core/arch/x86_64/assembler/x86-backend.js';
import { generateCorpus } from './corpus.js';
import { generateLabelCorpus } from './corpus-labels.js';
it('perf', () => {
  const src = '.intel_syntax noprefix\n' + generateCorpus().join('\n') + '\n';
  for (let k = 0; k < 3; k++) { const t = performance.now(); const r = assembleX86(src); console.log('corpus', src.split('\n').length, r.ok, (performance.now() - t).toFixed(0), 'ms'); }
  const l = generateLabelCorpus();
  for (let k = 0; k < 3; k++) { const t = performance.now(); const r = assembleX86(l); console.log('labels', l.split('\n').length, r.ok, (performance.now() - t).toFixed(0), 'ms'); }
});
