export { assembleX86, x86Backend, X86_FORMS } from './x86-backend.js';
