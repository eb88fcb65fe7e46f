// GNU as syntax highlighting for the two architectures the lab teaches, as a
// CodeMirror StreamLanguage. Comments follow gas's per-target rules (as(1) "Machine
// Dependencies"): on x86-64 `#` starts a comment anywhere, `/` only as the first
// thing on a line (elsewhere it divides), and `;` separates statements. On AArch64
// `//` is the comment and `#` introduces an immediate (`#16`). `/* */` works on both.

import { StreamLanguage, type StringStream } from '@codemirror/language';

export type GasArch = 'x86_64' | 'arm64';

const X86_REGISTERS = new Set([
  ...['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'rip'],
  ...['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'ebp', 'esp', 'eip'],
  ...['ax', 'bx', 'cx', 'dx', 'si', 'di', 'bp', 'sp', 'al', 'ah', 'bl', 'bh', 'cl', 'ch', 'dl', 'dh', 'sil', 'dil', 'bpl', 'spl'],
  ...Array.from({ length: 8 }, (_, i) => [`r${i + 8}`, `r${i + 8}d`, `r${i + 8}w`, `r${i + 8}b`]).flat(),
  ...['cs', 'ds', 'es', 'fs', 'gs', 'ss', 'cr0', 'cr2', 'cr3', 'cr4', 'rflags', 'eflags'],
  ...Array.from({ length: 16 }, (_, i) => [`xmm${i}`, `ymm${i}`]).flat(),
]);

const ARM64_REGISTERS = new Set([
  ...Array.from({ length: 31 }, (_, i) => [`x${i}`, `w${i}`]).flat(),
  ...['sp', 'wsp', 'xzr', 'wzr', 'lr', 'fp', 'pc', 'nzcv', 'daif', 'elr_el1', 'spsr_el1', 'esr_el1', 'far_el1', 'vbar_el1', 'sp_el0', 'sp_el1', 'tpidr_el0', 'ttbr0_el1', 'ttbr1_el1', 'currentel'],
  ...Array.from({ length: 32 }, (_, i) => [`v${i}`, `q${i}`, `d${i}`, `s${i}`]).flat(),
]);

// Operand-size and addressing keywords of Intel syntax.
const X86_KEYWORDS = new Set(['byte', 'word', 'dword', 'qword', 'xmmword', 'ptr', 'offset', 'rel']);
const ARM64_KEYWORDS = new Set(['lsl', 'lsr', 'asr', 'ror', 'uxtw', 'sxtw', 'uxtx', 'sxtx', 'uxtb', 'uxth', 'sxtb', 'sxth', 'eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al']);

interface State {
  /** Inside a block comment. */
  block: boolean;
  /** The statement's first word has been read (so the next words are operands). */
  sawMnemonic: boolean;
}

function gasMode(arch: GasArch) {
  const registers = arch === 'x86_64' ? X86_REGISTERS : ARM64_REGISTERS;
  const keywords = arch === 'x86_64' ? X86_KEYWORDS : ARM64_KEYWORDS;
  const lineComment = (s: StringStream): boolean => {
    if (arch === 'arm64') return Boolean(s.match('//'));
    if (s.peek() === '#') return true;
    return s.peek() === '/' && s.string.slice(0, s.pos).trim() === '';
  };
  return StreamLanguage.define<State>({
    name: `gas-${arch}`,
    startState: () => ({ block: false, sawMnemonic: false }),
    copyState: (s) => ({ ...s }),
    token(stream, state) {
      if (stream.sol()) state.sawMnemonic = false;
      if (state.block) {
        if (stream.skipTo('*/')) {
          stream.match('*/');
          state.block = false;
        } else stream.skipToEnd();
        return 'blockComment';
      }
      if (stream.eatSpace()) return null;
      if (stream.match('/*')) {
        state.block = true;
        return 'blockComment';
      }
      if (lineComment(stream)) {
        stream.skipToEnd();
        return 'lineComment';
      }
      if (arch === 'x86_64' && stream.eat(';')) {
        state.sawMnemonic = false; // a statement separator: a new mnemonic follows
        return 'separator';
      }
      const ch = stream.peek()!;
      if (ch === '"') {
        stream.next();
        while (!stream.eol()) {
          const c = stream.next();
          if (c === '\\') stream.next();
          else if (c === '"') break;
        }
        return 'string';
      }
      if (ch === "'" && stream.match(/^'(\\.|[^\\'])'?/)) return 'character';
      // Immediates: #16 on arm64; numbers in any base gas accepts (0x, 0b, octal, decimal).
      if (stream.match(/^#?-?(0x[0-9a-f]+|0b[01]+|\d+)\b/i)) return 'number';
      if (stream.match(/^\d+[bf]\b/)) return 'labelName'; // local label reference: 1b, 2f
      if (stream.match(/^\.?[A-Za-z_$.][\w$.]*:/)) return 'labelName';
      if (stream.match(/^\d+:/)) return 'labelName';
      if (!state.sawMnemonic && stream.match(/^\.[A-Za-z_][\w.]*/)) {
        state.sawMnemonic = true;
        return 'meta'; // directive: .text, .global, .ascii
      }
      const word = stream.match(/^[A-Za-z_$.][\w$.]*/);
      if (word) {
        const text = (word as RegExpMatchArray)[0].toLowerCase();
        if (!state.sawMnemonic) {
          state.sawMnemonic = true;
          return 'keyword'; // the mnemonic
        }
        if (registers.has(text)) return 'variableName.special';
        if (keywords.has(text)) return 'modifier';
        return 'variableName'; // a symbol
      }
      stream.next();
      return /[[\](),+\-*/%<>|&^~!{}]/.test(ch) ? 'punctuation' : null;
    },
    languageData: { commentTokens: { line: arch === 'x86_64' ? '#' : '//' } },
  });
}

const cache = new Map<GasArch, ReturnType<typeof gasMode>>();

/** The highlighting mode for one architecture (made once). */
export function gasLanguage(arch: GasArch): ReturnType<typeof gasMode> {
  let lang = cache.get(arch);
  if (!lang) {
    lang = gasMode(arch);
    cache.set(arch, lang);
  }
  return lang;
}
