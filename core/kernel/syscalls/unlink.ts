// unlink(2) and rmdir(2) over the in-memory file system (Vfs.remove does the checks:
// ENOENT, EISDIR/ENOTDIR, ENOTEMPTY, EACCES on the parent; open files stay usable).

import { EFAULT, ENAMETOOLONG } from '../errno.js';
import { argAddr, type SysCtx, type SysResult } from './context.js';

function removePath(ctx: SysCtx, dir: boolean): SysResult {
  const path = ctx.mm.readCString(argAddr(ctx, 0), 4096);
  if (path === null) return -EFAULT;
  if (path === 'long') return -ENAMETOOLONG;
  const files = ctx.k.files;
  return files.vfs.remove(path, files.pathContext(ctx.proc), dir);
}

export const sysUnlink = (ctx: SysCtx): SysResult => removePath(ctx, false);
export const sysRmdir = (ctx: SysCtx): SysResult => removePath(ctx, true);
