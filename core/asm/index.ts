// Public surface of the architecture-neutral assembler front end.
export type { AsmArch, AsmError, AssembleResult, ObjectFixup, ObjectImage, ObjectSection, ObjectSymbol, SectionFlags, SectionKind, SourceMapEntry, SymbolKind } from './types.js';
export type { ArchBackend, DirectiveResult, EncodeContext, EncodeResult, InstructionFixup, ParsedInstruction } from './backend.js';
export type { Expr, ExprError, ExprValue } from './expr.js';
export type { Token, TokenKind } from './lexer.js';
export { assemble, formatAsmError, type AssembleOptions } from './assemble.js';
export { parseExpr, evaluate } from './expr.js';
export { splitOperands } from './parse.js';
export { littleEndian } from './bytes.js';
